package io.neurofm.tokenize;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The tokenizer types a state file may name, each with the function that rebuilds it from its state. */
final class TokenizerTypes {
    private static final Map<String, Function<TokenizerState, Tokenizer>> LOADERS = new TreeMap<>(Map.of(
            io.neurofm.tokenize.gru.GruTokenizer.TYPE, io.neurofm.tokenize.gru.GruTokenizer::fromState));

    private TokenizerTypes() {
    }

    static Function<TokenizerState, Tokenizer> loader(String type) {
        return LOADERS.get(type);
    }

    static List<String> names() {
        return List.copyOf(LOADERS.keySet());
    }
}

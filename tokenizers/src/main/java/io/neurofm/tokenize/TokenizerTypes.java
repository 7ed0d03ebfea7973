package io.neurofm.tokenize;

import io.neurofm.tokenize.gru.GruTokenizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The tokenizer types a state file may name, each with the function that rebuilds it from its state.
 * A loader throws {@link InvalidStateException} (naming the field) for a state it cannot use.
 */
final class TokenizerTypes {
    private static final Map<String, Function<TokenizerState, StatefulTokenizer>> LOADERS = new TreeMap<>(Map.of(
            MuLawTokenizer.TYPE, MuLawTokenizer::fromState,
            QuantileTokenizer.TYPE, QuantileTokenizer::fromState,
            PatchTokenizer.TYPE, PatchTokenizer::fromState,
            FmriTokenizer.TYPE, FmriTokenizer::fromState,
            VolumePatchTokenizer.TYPE, VolumePatchTokenizer::fromState,
            GruTokenizer.TYPE, GruTokenizer::fromState));

    private TokenizerTypes() {
    }

    static Function<TokenizerState, StatefulTokenizer> loader(String type) {
        return LOADERS.get(type);
    }

    static List<String> names() {
        return List.copyOf(LOADERS.keySet());
    }
}

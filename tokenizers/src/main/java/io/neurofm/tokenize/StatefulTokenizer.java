package io.neurofm.tokenize;

/**
 * What every saved tokenizer has, whatever it consumes: a type name and a state that rebuilds it.
 * {@link Tokenizer} (recordings) and {@link VolumePatchTokenizer} (images) both are one, so one
 * state file format and one registry ({@link TokenizerTypes}) serve both.
 */
public interface StatefulTokenizer {
    /** The type name stored in the state file. */
    String type();

    /** Everything needed to rebuild this tokenizer. */
    TokenizerState state();
}

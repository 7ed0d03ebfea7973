package io.neurofm.tokenize;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;

/**
 * Turns a window of a recording into tokens and, where the mapping is invertible, back. A
 * tokenizer is made by fitting (see each implementation's {@code fit}) and is immutable after;
 * its {@link #state()} holds everything needed to rebuild it exactly, including the sampling
 * rate it expects and the normalisation statistics it applies, so a saved tokenizer is
 * self-contained ({@link TokenizerFiles}).
 */
public interface Tokenizer extends StatefulTokenizer {
    /** The type name stored in the state file: "gru", "mulaw", "quantile", "patch", "fmri". */
    @Override
    String type();

    /**
     * Tokens for one window.
     *
     * @throws SignalException naming the problem when the window does not fit this tokenizer (wrong
     *                         rate, too short, NaN, unknown channel)
     */
    Tokens encode(Recording window) throws SignalException;

    /** True when {@link #decode} reconstructs a signal. */
    default boolean invertible() {
        return false;
    }

    /** The signal the tokens stand for (an approximation for lossy tokenizers). */
    default Recording decode(Tokens tokens) throws SignalException {
        throw new SignalException(null, "the " + type() + " tokenizer is not invertible: it has no decode");
    }

    /** Everything needed to rebuild this tokenizer. */
    @Override
    TokenizerState state();
}

package io.neurofm.tokenize.gru;

/**
 * How the convolution decoder aligns each token's K-tap waveform with the signal. With
 * {@link #SAME} (the MEG-GPT default) sample t is rebuilt from tokens t-(K-1)/2 .. t+K/2, PyTorch's
 * {@code padding="same"} split (the extra tap of an even kernel goes to the future side); with
 * {@link #CAUSAL} only from tokens t-K+1 .. t, so a streaming decoder needs no look-ahead.
 */
public enum DecoderPadding {
    SAME,
    CAUSAL;

    /** Zero tokens added before the stream. */
    int left(int kernel) {
        return this == SAME ? (kernel - 1) / 2 : kernel - 1;
    }

    /** Zero tokens added after the stream. */
    int right(int kernel) {
        return kernel - 1 - left(kernel);
    }
}

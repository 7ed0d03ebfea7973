package io.neurofm.tokenize.stats;

/** What to do with a band whose upper edge lies above the Nyquist frequency fs / 2. */
public enum NyquistPolicy {
    /** Refuse the configuration: the band's statistic would mean something else at this rate. */
    REFUSE,
    /** Use the band up to fs / 2 (power bins below Nyquist; a high-pass filter for phase/amplitude). */
    CLIP
}

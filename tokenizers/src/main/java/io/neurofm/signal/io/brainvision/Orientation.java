package io.neurofm.signal.io.brainvision;

/** How samples are laid out in the binary file. */
enum Orientation {
    /** ch1 pt1, ch2 pt1, ..., ch1 pt2, ...: one time point of every channel after another. */
    MULTIPLEXED,
    /** all points of ch1, then all points of ch2, ...: one channel after another. */
    VECTORIZED
}

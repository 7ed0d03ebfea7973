package io.neurofm.signal.io.fif;

/** The time stamp part of a FIF id struct (file, block and measurement ids carry one). */
record FifId(int version, int secs, int usecs) {
}

package io.neurofm.spark;

import java.io.Serializable;

/** A recording to embed and its place in the job's input list (the order of the output). */
record InputRecording(int index, String file) implements Serializable {
    private static final long serialVersionUID = 1L;
}

package io.neurofm.spark;

import java.io.Serializable;

/**
 * One recording embedded on an executor.
 *
 * @param index        the recording's place in the job's input list
 * @param file         the recording's path, as the driver listed it
 * @param setup        how it was embedded (the driver checks that every executor agrees)
 * @param embeddings   one row per window, in window order
 * @param startSeconds where each window starts in the recording
 */
record EmbeddedRecording(int index, String file, EmbeddingSetup setup, float[][] embeddings, double[] startSeconds)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}

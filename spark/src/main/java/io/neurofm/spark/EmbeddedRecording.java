package io.neurofm.spark;

import io.neurofm.embed.EmbeddingTable;
import io.neurofm.inference.ModelDescription;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * One recording embedded on an executor, in a form Spark can ship to the driver
 * ({@link EmbeddingTable} holds {@link Path}s, which are not serializable).
 *
 * @param index the recording's place in the job's input list
 * @param model the executor's model (the driver checks every executor agrees, and describes the output by it)
 * @param log   what {@code neurofm embed} prints for the file
 * @param rows  the file's {@link EmbeddingTable}, its columns as they are
 */
record EmbeddedRecording(int index, ModelDescription model, String log, Rows rows) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@link EmbeddingTable}'s columns with the file paths as strings. */
    record Rows(float[][] embeddings, List<String> files, int[] fileIndex, List<String> subjects, List<String> sessions,
            List<String> runs, double[] startSeconds, List<String> labels) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Rows of(EmbeddingTable t) {
            return new Rows(t.embeddings(), t.files().stream().map(Path::toString).toList(), t.fileIndex(),
                    t.subjects(), t.sessions(), t.runs(), t.startSeconds(), t.labels());
        }

        EmbeddingTable table() {
            return new EmbeddingTable(embeddings, files.stream().map(Path::of).toList(), fileIndex, subjects, sessions,
                    runs, startSeconds, labels);
        }
    }
}

package io.neurofm.embed;

import io.neurofm.inference.PreparedWindow;
import io.neurofm.signal.RecordingIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings of segments from one or more files, one row per segment, with where each came from.
 * Strings that are unknown (no subject id, no label) are "".
 *
 * @param embeddings   [rows][dimension]
 * @param files        the input files, in the order they were embedded
 * @param fileIndex    per row, its file's index in {@code files}
 * @param subjects     per row
 * @param sessions     per row
 * @param runs         per row
 * @param startSeconds per row, where the segment starts in its file (seconds from the first sample)
 * @param labels       per row, the epoch's label, or "" for plain windows
 */
public record EmbeddingTable(float[][] embeddings, List<Path> files, int[] fileIndex, List<String> subjects,
                             List<String> sessions, List<String> runs, double[] startSeconds, List<String> labels) {
    public EmbeddingTable {
        files = List.copyOf(files);
        subjects = List.copyOf(subjects);
        sessions = List.copyOf(sessions);
        runs = List.copyOf(runs);
        labels = List.copyOf(labels);
        int n = embeddings.length;
        if (fileIndex.length != n || subjects.size() != n || sessions.size() != n || runs.size() != n
                || startSeconds.length != n || labels.size() != n) {
            throw new IllegalArgumentException("every metadata column needs one entry per embedding (" + n + ")");
        }
        for (int i = 0; i < n; i++) {
            if (embeddings[i].length != embeddings[0].length) {
                throw new IllegalArgumentException("embedding " + i + " has " + embeddings[i].length
                        + " values, embedding 0 has " + embeddings[0].length);
            }
        }
    }

    public int size() {
        return embeddings.length;
    }

    public int dimension() {
        return embeddings.length == 0 ? 0 : embeddings[0].length;
    }

    /** Collects rows file by file. */
    public static final class Builder {
        private final List<float[]> rows = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();
        private final List<Integer> fileIndex = new ArrayList<>();
        private final List<String> subjects = new ArrayList<>();
        private final List<String> sessions = new ArrayList<>();
        private final List<String> runs = new ArrayList<>();
        private final List<Double> starts = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();

        /** One file's segments and their embeddings (rows in segment order). */
        public Builder add(Path file, RecordingIds ids, Segments segments, float[][] embeddings) {
            if (embeddings.length != segments.size()) {
                throw new IllegalArgumentException(segments.size() + " segments but " + embeddings.length
                        + " embeddings");
            }
            int index = files.size();
            files.add(file);
            for (int i = 0; i < embeddings.length; i++) {
                PreparedWindow w = segments.windows().get(i);
                rows.add(embeddings[i]);
                fileIndex.add(index);
                subjects.add(orEmpty(ids.subject()));
                sessions.add(orEmpty(ids.session()));
                runs.add(orEmpty(ids.run()));
                starts.add(w.startSeconds());
                labels.add(segments.labels().get(i));
            }
            return this;
        }

        public EmbeddingTable build() {
            return new EmbeddingTable(rows.toArray(new float[0][]), files,
                    fileIndex.stream().mapToInt(Integer::intValue).toArray(), subjects, sessions, runs,
                    starts.stream().mapToDouble(Double::doubleValue).toArray(), labels);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }
}

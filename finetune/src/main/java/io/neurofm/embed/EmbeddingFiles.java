package io.neurofm.embed;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpzRecordingWriter;
import io.neurofm.signal.io.npy.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link EmbeddingTable} as {@code NAME.npz} plus its JSON sidecar {@code NAME.json}.
 *
 * <p>The npz holds only numbers (our npy writer has no string type): {@code embeddings} float32
 * [N, D], {@code start_seconds} float64 [N], and int32 [N] indices {@code file_index},
 * {@code subject_index}, {@code session_index}, {@code run_index}, {@code label_index} into the
 * sidecar's {@code files}, {@code subjects}, {@code sessions}, {@code runs}, {@code labels} lists
 * (-1 = unknown / no label). The sidecar also carries what the caller describes (model, pooling,
 * preprocessing).
 */
public final class EmbeddingFiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EmbeddingFiles() {
    }

    /** The sidecar beside an npz: same folder and base name, ".json". */
    public static Path sidecarFor(Path npz) {
        return NpzRecordingWriter.sidecarFor(npz);
    }

    /**
     * Writes both files, each to a temporary file first; they are renamed into place only when both
     * are complete, so a failure leaves the previous versions (or nothing).
     *
     * @param description fields for the sidecar (model, pooling, preprocessing ...); the tables are added
     * @return the sidecar written
     */
    public static Path write(Path npz, EmbeddingTable table, ObjectNode description) throws IOException {
        Path target = npz.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path sidecar = sidecarFor(target);
        ObjectNode json = description.deepCopy();
        json.put("embeddings_file", target.getFileName().toString());
        json.put("count", table.size());
        json.put("dimension", table.dimension());
        ArrayNode files = json.putArray("files");
        table.files().forEach(f -> files.add(f.toString()));
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("embeddings", NpyArray.ofFloatRows(table.embeddings()));
        arrays.put("file_index", ints(table.fileIndex()));
        arrays.put("subject_index", indexed(table.subjects(), json.putArray("subjects")));
        arrays.put("session_index", indexed(table.sessions(), json.putArray("sessions")));
        arrays.put("run_index", indexed(table.runs(), json.putArray("runs")));
        arrays.put("start_seconds", NpyArray.ofDoubles(new long[] {table.size()}, table.startSeconds()));
        arrays.put("label_index", indexed(table.labels(), json.putArray("labels")));
        byte[] sidecarBytes = json.toPrettyString().getBytes(StandardCharsets.UTF_8);
        Path npzTemp = AtomicFiles.temporaryBeside(target);
        Path jsonTemp = AtomicFiles.temporaryBeside(sidecar);
        try {
            Npz.write(npzTemp, arrays, false);
            Files.write(jsonTemp, sidecarBytes);
            AtomicFiles.move(npzTemp, target);
            AtomicFiles.move(jsonTemp, sidecar);
        } finally {
            Files.deleteIfExists(npzTemp);
            Files.deleteIfExists(jsonTemp);
        }
        return sidecar;
    }

    /** Index of each value in a table of the distinct non-empty values (first-seen order); "" is -1. */
    private static NpyArray indexed(List<String> values, ArrayNode table) {
        List<String> distinct = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            String v = values.get(i);
            if (v.isEmpty()) {
                out[i] = -1;
                continue;
            }
            out[i] = index.computeIfAbsent(v, k -> {
                distinct.add(k);
                return distinct.size() - 1;
            });
        }
        distinct.forEach(table::add);
        return ints(out);
    }

    private static NpyArray ints(int[] values) {
        return NpyArray.ofInts(new long[] {values.length}, values);
    }
}

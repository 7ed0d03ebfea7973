package io.neurofm.spark;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The job's output: {@code NAME.npz} with numbers only (the npy writer has no string type) and
 * {@code NAME.json} beside it.
 *
 * <p>npz: {@code embeddings} float32 [N, D]; {@code file_index} int32 [N] into the sidecar's
 * {@code files}; {@code window_index} int32 [N], the window's place within its file;
 * {@code start_seconds} float64 [N], where the window starts in its file. Rows are in input order,
 * then window order. Sidecar: model reference and family, pooling, rate, window and stride, count,
 * dimension and the file list.
 */
final class EmbeddingTableFiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EmbeddingTableFiles() {
    }

    /** What {@link #write} wrote: N rows of D values. */
    record Written(int rows, int dimension) {
    }

    /** The sidecar of an npz: same folder and base name, ".json". */
    static Path sidecar(Path npz) {
        String name = npz.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return npz.resolveSibling(base + ".json");
    }

    /**
     * Writes both files from the recordings in input order, each to a temporary file first; both are
     * renamed into place only when both are complete.
     *
     * @param strideSeconds as the job was given (0 = the window length)
     */
    static Written write(Path npz, List<EmbeddedRecording> recordings, double strideSeconds) throws IOException {
        if (!npz.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException("the output must end in .npz, got " + npz);
        }
        EmbeddingSetup setup = recordings.get(0).setup();
        int rows = 0;
        int dimension = recordings.get(0).embeddings()[0].length;
        for (EmbeddedRecording r : recordings) {
            if (!r.setup().equals(setup)) {
                throw new IllegalStateException("executors embedded differently: " + recordings.get(0).file() + " with "
                        + setup + ", " + r.file() + " with " + r.setup() + " (do all executors see the same registry?)");
            }
            for (float[] row : r.embeddings()) {
                if (row.length != dimension) {
                    throw new IllegalArgumentException("pooling '" + setup.pooling() + "' gave " + dimension
                            + " values per window for " + recordings.get(0).file() + " but " + row.length + " for "
                            + r.file() + " (its width depends on the channel count): use a fixed-width pooling");
                }
            }
            rows = Math.addExact(rows, r.embeddings().length);
        }
        float[] values = new float[Math.multiplyExact(rows, dimension)];
        int[] fileIndex = new int[rows];
        int[] windowIndex = new int[rows];
        double[] starts = new double[rows];
        int row = 0;
        for (int f = 0; f < recordings.size(); f++) {
            EmbeddedRecording r = recordings.get(f);
            for (int w = 0; w < r.embeddings().length; w++, row++) {
                System.arraycopy(r.embeddings()[w], 0, values, row * dimension, dimension);
                fileIndex[row] = f;
                windowIndex[row] = w;
                starts[row] = r.startSeconds()[w];
            }
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("embeddings", NpyArray.ofFloats(new long[] {rows, dimension}, values));
        arrays.put("file_index", NpyArray.ofInts(new long[] {rows}, fileIndex));
        arrays.put("window_index", NpyArray.ofInts(new long[] {rows}, windowIndex));
        arrays.put("start_seconds", NpyArray.ofDoubles(new long[] {rows}, starts));

        ObjectNode json = JSON.createObjectNode();
        json.put("embeddings_file", npz.getFileName().toString());
        ObjectNode model = json.putObject("model");
        model.put("reference", setup.reference());
        model.put("family", setup.family());
        json.put("pooling", setup.pooling());
        json.put("sampling_rate", setup.samplingRate());
        json.put("window_samples", setup.windowSamples());
        json.put("stride_samples", setup.strideSamples());
        json.put("stride_seconds", strideSeconds > 0 ? strideSeconds : setup.windowSamples() / setup.samplingRate());
        json.put("count", rows);
        json.put("dimension", dimension);
        ArrayNode files = json.putArray("files");
        recordings.forEach(r -> files.add(r.file()));
        byte[] sidecarBytes = (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);

        Path target = npz.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path npzTemp = AtomicFiles.temporaryBeside(target);
        Path jsonTemp = AtomicFiles.temporaryBeside(sidecar(target));
        try {
            Npz.write(npzTemp, arrays, false);
            Files.write(jsonTemp, sidecarBytes);
            AtomicFiles.move(npzTemp, target);
            AtomicFiles.move(jsonTemp, sidecar(target));
        } finally {
            Files.deleteIfExists(npzTemp);
            Files.deleteIfExists(jsonTemp);
        }
        return new Written(rows, dimension);
    }
}

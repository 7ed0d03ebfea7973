package io.neurofm.tokenize;

import io.neurofm.signal.Position;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.io.npy.NpyArray;
import io.neurofm.signal.io.npy.NpyDtype;
import io.neurofm.signal.io.npy.Npz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens on disk as {@code OUT.npz} + {@code OUT.json}: {@code ids} int32 [rows, steps] or
 * {@code vectors} float32 [rows, steps, dim], and {@code valid} bool [rows, steps]; the sidecar
 * holds the row names and positions (metres, null when unknown), vocabulary size, step length,
 * sampling rate and the tokenizer type.
 */
public final class TokenFiles {
    static final String FORMAT = "neurofm-tokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenFiles() {
    }

    /** The sidecar beside a token archive. */
    public static Path sidecar(Path npz) {
        String name = npz.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return npz.resolveSibling(base + ".json");
    }

    public static void write(Tokens tokens, String tokenizerType, Path npz) throws IOException {
        if (!npz.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException("token output must end in .npz, got " + npz);
        }
        int rows = tokens.rows();
        int steps = tokens.steps();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        if (tokens.isDiscrete()) {
            int[] ids = new int[rows * steps];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tokens.ids()[r], 0, ids, r * steps, steps);
            }
            arrays.put("ids", NpyArray.ofInts(new long[] {rows, steps}, ids));
        } else {
            int dim = tokens.dimension();
            float[] v = new float[Math.multiplyExact(rows * steps, dim)];
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < steps; s++) {
                    System.arraycopy(tokens.vectors()[r][s], 0, v, (r * steps + s) * dim, dim);
                }
            }
            arrays.put("vectors", NpyArray.ofFloats(new long[] {rows, steps, dim}, v));
        }
        boolean[] valid = new boolean[rows * steps];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < steps; s++) {
                valid[r * steps + s] = tokens.isValid(r, s);
            }
        }
        arrays.put("valid", NpyArray.ofBooleans(new long[] {rows, steps}, valid));
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("tokenizer", tokenizerType);
        root.put("kind", tokens.isDiscrete() ? "ids" : "vectors");
        root.put("vocabulary_size", tokens.vocabularySize());
        root.put("step_seconds", tokens.stepSeconds());
        root.put("sampling_rate", tokens.samplingRate());
        ArrayNode channels = root.putArray("channels");
        tokens.channels().forEach(channels::add);
        ArrayNode positions = root.putArray("positions_m");
        for (Position p : tokens.positions()) {
            if (p == null) {
                positions.addNull();
            } else {
                positions.addArray().add(p.x()).add(p.y()).add(p.z());
            }
        }
        Npz.write(npz, arrays, false);
        AtomicFiles.write(sidecar(npz), (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Reads tokens written by {@link #write}; anything inconsistent is a {@link SignalFormatException}. */
    public static Tokens read(Path npz) throws IOException {
        Path json = sidecar(npz);
        if (!Files.isRegularFile(json)) {
            throw new SignalFormatException(npz, "sidecar", -1, "the token sidecar " + json + " beside it", "missing");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(json, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new SignalFormatException(json, "sidecar", -1, "a JSON object", e.getOriginalMessage());
        }
        if (!FORMAT.equals(root.path("format").asString(""))) {
            throw new SignalFormatException(json, "format", -1, "\"" + FORMAT + "\"", String.valueOf(root.get("format")));
        }
        List<String> channels = new ArrayList<>();
        root.path("channels").forEach(n -> channels.add(n.asString()));
        List<Position> positions = new ArrayList<>();
        for (JsonNode p : root.path("positions_m")) {
            positions.add(p.isArray() && p.size() == 3 ? new Position(p.get(0).asDouble(), p.get(1).asDouble(),
                    p.get(2).asDouble()) : null);
        }
        Map<String, NpyArray> arrays = Npz.read(npz);
        boolean discrete = "ids".equals(root.path("kind").asString(""));
        NpyArray data = arrays.get(discrete ? "ids" : "vectors");
        NpyArray valid = arrays.get("valid");
        int rows = channels.size();
        if (data == null || valid == null) {
            throw new SignalFormatException(npz, discrete ? "ids" : "vectors", -1, "arrays '"
                    + (discrete ? "ids" : "vectors") + "' and 'valid'", "entries " + arrays.keySet());
        }
        long[] shape = data.shape();
        if (shape.length != (discrete ? 2 : 3) || shape[0] != rows || positions.size() != rows
                || !Arrays.equals(valid.shape(), new long[] {rows, shape[1]}) || valid.dtype() != NpyDtype.BOOL
                || (discrete && data.dtype() != NpyDtype.INT32) || (!discrete && data.dtype() != NpyDtype.FLOAT32)) {
            throw new SignalFormatException(npz, discrete ? "ids" : "vectors", -1, (discrete ? "int32 [" : "float32 [")
                    + rows + ", steps" + (discrete ? "]" : ", dim]") + " with bool valid [" + rows + ", steps] and "
                    + rows + " positions", data.dtype() + " " + Arrays.toString(shape) + ", valid " + valid.dtype()
                    + " " + Arrays.toString(valid.shape()));
        }
        int steps = (int) shape[1];
        boolean[][] mask = new boolean[rows][steps];
        boolean allValid = true;
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < steps; s++) {
                mask[r][s] = valid.getDouble(r * steps + s) != 0;
                allValid &= mask[r][s];
            }
        }
        int[][] ids = null;
        float[][][] vectors = null;
        if (discrete) {
            ids = new int[rows][steps];
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < steps; s++) {
                    ids[r][s] = (int) data.getDouble(r * steps + s);
                }
            }
        } else {
            int dim = (int) shape[2];
            float[] flat = data.toFloats();
            vectors = new float[rows][steps][];
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < steps; s++) {
                    vectors[r][s] = Arrays.copyOfRange(flat, (r * steps + s) * dim, (r * steps + s + 1) * dim);
                }
            }
        }
        try {
            return new Tokens(channels, positions, ids, vectors, allValid ? null : mask,
                    root.path("vocabulary_size").asInt(0), root.path("step_seconds").asDouble(),
                    root.path("sampling_rate").asDouble());
        } catch (IllegalArgumentException e) {
            throw new SignalFormatException(json, "sidecar", -1, "a description matching the arrays", e.getMessage());
        }
    }

    /** The tokenizer type named in a token sidecar. */
    public static String tokenizerType(Path npz) throws IOException {
        try {
            return JSON.readTree(Files.readString(sidecar(npz), StandardCharsets.UTF_8)).path("tokenizer").asString("");
        } catch (JacksonException e) {
            throw new SignalFormatException(sidecar(npz), "sidecar", -1, "a JSON object", e.getOriginalMessage());
        }
    }
}

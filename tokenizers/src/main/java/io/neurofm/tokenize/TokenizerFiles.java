package io.neurofm.tokenize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.tensor.Safetensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Saves and loads tokenizer states as {@code NAME.json} (format, version, type, config) plus
 * {@code NAME.safetensors} (the tensors), both written atomically. Loading refuses files of
 * another format version or an unknown type with a message that says which.
 */
public final class TokenizerFiles {
    /** Bumped when the saved layout changes incompatibly. */
    public static final int FORMAT_VERSION = 1;
    static final String FORMAT = "neurofm-tokenizer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {
    }

    /** The tensor file that goes with a state file. */
    public static Path tensorFile(Path jsonFile) {
        String name = jsonFile.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return jsonFile.resolveSibling(base + ".safetensors");
    }

    public static void save(StatefulTokenizer tokenizer, Path jsonFile) throws IOException {
        save(tokenizer.state(), jsonFile);
    }

    public static void save(TokenizerState state, Path jsonFile) throws IOException {
        Path tensors = tensorFile(jsonFile);
        if (!state.tensors().isEmpty()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Map<String, NDArray> arrays = new LinkedHashMap<>();
                state.tensors().forEach((name, t) -> arrays.put(name, manager.create(t.data(), new Shape(t.shape()))));
                Safetensors.write(tensors, arrays, Map.of("format", FORMAT, "type", state.type()));
            }
        } else {
            Files.deleteIfExists(tensors);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("type", state.type());
        root.put("tensors", state.tensors().isEmpty() ? null : tensors.getFileName().toString());
        root.set("config", state.config());
        AtomicFiles.write(jsonFile, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a state file (and its tensors) without building the tokenizer. */
    public static TokenizerState read(Path jsonFile) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(jsonFile, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new SignalFormatException(jsonFile, "tokenizer state", -1, "a JSON object", e.getOriginalMessage());
        }
        if (!root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
            throw new SignalFormatException(jsonFile, "format", -1, "\"" + FORMAT + "\"",
                    root.isObject() ? String.valueOf(root.get("format")) : "not an object");
        }
        int version = root.path("version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new SignalFormatException(jsonFile, "version", -1, "tokenizer format version " + FORMAT_VERSION
                    + " (this neurofm); the file was written by a version that uses " + version, null);
        }
        String type = root.path("type").asString("");
        if (!root.path("config").isObject()) {
            throw new SignalFormatException(jsonFile, "config", -1, "an object", String.valueOf(root.get("config")));
        }
        Map<String, TokenizerState.Tensor> tensors = new LinkedHashMap<>();
        if (root.hasNonNull("tensors")) {
            Path tensorPath = jsonFile.resolveSibling(root.get("tensors").asString());
            if (!Files.isRegularFile(tensorPath)) {
                throw new SignalFormatException(jsonFile, "tensors", -1, "the tensor file " + tensorPath
                        + " beside it", "missing");
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                for (Map.Entry<String, NDArray> e : Safetensors.read(tensorPath, manager).entrySet()) {
                    NDArray a = e.getValue().toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                    tensors.put(e.getKey(), new TokenizerState.Tensor(a.getShape().getShape(), a.toFloatArray()));
                }
            }
        }
        return new TokenizerState(type, (ObjectNode) root.get("config"), tensors);
    }

    /**
     * Loads a recording tokenizer of any registered type.
     *
     * @throws SignalFormatException when the file holds a tokenizer of images (use {@link #loadAny})
     */
    public static Tokenizer load(Path jsonFile) throws IOException {
        StatefulTokenizer loaded = loadAny(jsonFile);
        if (loaded instanceof Tokenizer tokenizer) {
            return tokenizer;
        }
        throw new SignalFormatException(jsonFile, "type", -1, "a tokenizer of recordings",
                "\"" + loaded.type() + "\", which tokenizes images");
    }

    /** Loads a tokenizer of any registered type, of recordings or of images. */
    public static StatefulTokenizer loadAny(Path jsonFile) throws IOException {
        TokenizerState state = read(jsonFile);
        Function<TokenizerState, StatefulTokenizer> loader = TokenizerTypes.loader(state.type());
        if (loader == null) {
            throw new SignalFormatException(jsonFile, "type", -1, "one of " + TokenizerTypes.names(),
                    "\"" + state.type() + "\"");
        }
        try {
            return loader.apply(state);
        } catch (InvalidStateException e) {
            throw new SignalFormatException(jsonFile, e.field(), -1, e.expected(), e.found(), e);
        } catch (IllegalArgumentException e) {
            throw new SignalFormatException(jsonFile, "config", -1, "a valid " + state.type() + " tokenizer state",
                    e.getMessage(), e);
        }
    }
}

package io.neurofm.artifact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.neurofm.tensor.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fine-tuned linear decoding head stored in an artifact: {@code heads/NAME.safetensors}
 * ({@code weight} [K, D], {@code bias} [K], the PyTorch names of a bare {@code nn.Linear}) and
 * {@code heads/NAME.json} ({@code classes}, {@code pooling}, {@code input}, {@code task},
 * {@code metrics}). Class probabilities of a pooled embedding e (length D, computed with the
 * artifact's preprocessing and this head's pooling) are {@code softmax(W e + b)}.
 *
 * <p>{@link #probabilities} is plain Java in double precision, so serving needs no model graph
 * for the head.
 *
 * @param classes class names in output order (K)
 * @param pooling how the backbone's tokens were pooled into e: "mean" or "power" (mean and
 *     log-variance concatenated), as {@code EmbeddingPooling}
 * @param task what the head decodes (free text, e.g. "left vs right hand motor imagery")
 * @param metrics held-out scores measured when the head was trained (name to value)
 * @param weight [K][D]
 * @param bias [K]
 */
public record DecodingHead(List<String> classes, String pooling, String task, Map<String, Double> metrics,
                           float[][] weight, float[] bias) {
    /** The value of the "input" field: what the head's input is. */
    public static final String INPUT = "pooled embedding";
    private static final Set<String> POOLINGS = Set.of("mean", "power");

    public DecodingHead {
        classes = List.copyOf(classes);
        Objects.requireNonNull(task, "task");
        if (!POOLINGS.contains(pooling)) {
            throw new IllegalArgumentException("pooling must be one of " + POOLINGS + ", got " + pooling);
        }
        if (classes.size() < 2 || weight.length != classes.size() || bias.length != classes.size()) {
            throw new IllegalArgumentException("a head needs K >= 2 classes with weight [K, D] and bias [K]; got "
                    + classes.size() + " classes, weight rows " + weight.length + ", bias " + bias.length);
        }
        for (float[] row : weight) {
            if (row.length != weight[0].length || row.length == 0) {
                throw new IllegalArgumentException("weight rows must all have the same positive length D");
            }
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** D, the embedding length the head expects. */
    public int inputDim() {
        return weight[0].length;
    }

    /** softmax(W e + b), in double, with the maximum logit subtracted first. */
    public double[] probabilities(float[] embedding) {
        if (embedding.length != inputDim()) {
            throw new IllegalArgumentException("the head expects a " + pooling + "-pooled embedding of length "
                    + inputDim() + ", got " + embedding.length);
        }
        double[] logits = new double[bias.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logits.length; k++) {
            double z = bias[k];
            for (int j = 0; j < embedding.length; j++) {
                z += (double) weight[k][j] * embedding[j];
            }
            logits[k] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        for (int k = 0; k < logits.length; k++) {
            logits[k] /= sum;
        }
        return logits;
    }

    /** The class with the highest probability (the first on ties). */
    public String predict(float[] embedding) {
        return classOf(probabilities(embedding));
    }

    /** The class with the highest of K given probabilities (the first on ties), as {@link #probabilities} gives them. */
    public String classOf(double[] p) {
        if (p.length != classes.size()) {
            throw new IllegalArgumentException("expected " + classes.size() + " probabilities, got " + p.length);
        }
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return classes.get(best);
    }

    /** The heads/NAME.json document (the weights go to heads/NAME.safetensors). */
    public byte[] toJson() {
        ObjectNode root = ArtifactJson.MAPPER.createObjectNode();
        var names = root.putArray("classes");
        classes.forEach(names::add);
        root.put("pooling", pooling);
        root.put("input", INPUT);
        root.put("task", task);
        ObjectNode m = root.putObject("metrics");
        metrics.forEach(m::put);
        return ArtifactJson.bytes(root);
    }

    /**
     * Reads every head of an opened (verified) artifact, in the artifact's order, and checks each
     * against the model it will sit on: its pooling must be one the model gives, at the width D
     * the head expects.
     *
     * @param dimensions the model's embedding length per pooling (as {@code ModelDescription.dimensions})
     */
    public static Map<String, DecodingHead> loadAll(Artifact artifact, Map<String, Integer> dimensions,
            NDManager manager) throws IOException {
        Map<String, DecodingHead> heads = new LinkedHashMap<>();
        for (String name : artifact.heads()) {
            DecodingHead head = load(artifact, name, manager);
            Integer d = dimensions.get(head.pooling());
            if (d == null || d != head.inputDim()) {
                throw new ArtifactException(artifact.source(), ArtifactLayout.HEADS + "/" + name + ".safetensors",
                        "the head reads " + head.inputDim() + "-wide " + head.pooling()
                                + " embeddings; the model's embedding widths per pooling are " + dimensions);
            }
            heads.put(name, head);
        }
        return heads;
    }

    /** Reads heads/NAME.safetensors and heads/NAME.json of an opened (verified) artifact. */
    public static DecodingHead load(Artifact artifact, String name, NDManager manager) throws IOException {
        String rel = ArtifactLayout.HEADS + "/" + name + ".json";
        if (!artifact.heads().contains(name)) {
            throw new ArtifactException(artifact.source(), ArtifactLayout.HEADS + "/" + name + ".safetensors",
                    "no such head; the artifact has " + artifact.heads());
        }
        byte[] json = artifact.headMetadata(name).orElseThrow(() -> new ArtifactException(artifact.source(), rel,
                "missing: a decoding head needs its description (classes, pooling) beside the weights"));
        JsonNode root = ArtifactJson.tree(artifact.source(), rel, json);
        List<String> classes = new ArrayList<>();
        root.path("classes").forEach(c -> classes.add(c.asString()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        root.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        if (!INPUT.equals(root.path("input").asString(""))) {
            throw new ArtifactException(artifact.source(), rel, "input is " + root.get("input") + ", expected \""
                    + INPUT + "\"");
        }
        Path weights = artifact.root().resolve(ArtifactLayout.HEADS).resolve(name + ".safetensors");
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> tensors = Safetensors.read(weights, scratch);
            NDArray w = tensors.get("weight");
            NDArray b = tensors.get("bias");
            if (w == null || b == null || tensors.size() != 2 || w.getShape().dimension() != 2
                    || !b.getShape().equals(new Shape(w.getShape().get(0)))) {
                throw new ArtifactException(artifact.source(), ArtifactLayout.HEADS + "/" + name + ".safetensors",
                        "a decoding head holds exactly weight [K, D] and bias [K], got " + describe(tensors));
            }
            int k = (int) w.getShape().get(0);
            int d = (int) w.getShape().get(1);
            float[] flat = w.toType(DataType.FLOAT32, false).toFloatArray();
            float[][] rows = new float[k][d];
            for (int i = 0; i < k; i++) {
                System.arraycopy(flat, i * d, rows[i], 0, d);
            }
            try {
                return new DecodingHead(classes, root.path("pooling").asString(""), root.path("task").asString(""),
                        metrics, rows, b.toType(DataType.FLOAT32, false).toFloatArray());
            } catch (IllegalArgumentException e) {
                throw new ArtifactException(artifact.source(), rel, e.getMessage(), e);
            }
        }
    }

    private static String describe(Map<String, NDArray> tensors) {
        List<String> parts = new ArrayList<>();
        tensors.forEach((n, t) -> parts.add(n + " " + t.getShape()));
        return parts.toString();
    }
}

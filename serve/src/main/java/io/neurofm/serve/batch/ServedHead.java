package io.neurofm.serve.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ArtifactException;
import io.neurofm.tensor.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fine-tuned linear decoding head of an artifact, as the fine-tuning job writes it:
 * {@code heads/NAME.safetensors} ({@code weight} [K, D], {@code bias} [K], a bare nn.Linear) and
 * {@code heads/NAME.json} ({@code classes}: K names, {@code pooling}: the embedding pooling the head
 * reads). Class probabilities of an embedding e are softmax(W e + b), computed in double.
 */
public record ServedHead(String name, List<String> classes, String pooling, float[][] weight, float[] bias) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ServedHead {
        classes = List.copyOf(classes);
    }

    public int inputDim() {
        return weight[0].length;
    }

    /** softmax(W e + b) with the largest logit subtracted first. */
    public double[] probabilities(float[] embedding) {
        if (embedding.length != inputDim()) {
            throw new IllegalArgumentException("head " + name + " reads " + inputDim() + "-wide " + pooling
                    + " embeddings, got " + embedding.length);
        }
        double[] p = new double[bias.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
            double z = bias[k];
            for (int j = 0; j < embedding.length; j++) {
                z += (double) weight[k][j] * embedding[j];
            }
            p[k] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** The most probable class (the first on ties). */
    public String predict(double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return classes.get(best);
    }

    /**
     * Reads every head of an opened (verified) artifact. A head's JSON is checked against the
     * verified digest before it is parsed; a head without its JSON cannot name its classes and is
     * refused.
     *
     * @param dimensions embedding width per pooling of the model, to check D
     */
    public static List<ServedHead> readAll(Artifact artifact, Map<String, Integer> dimensions) throws IOException {
        List<ServedHead> heads = new ArrayList<>();
        for (String name : artifact.heads()) {
            heads.add(read(artifact, name, dimensions));
        }
        return heads;
    }

    static ServedHead read(Artifact artifact, String name, Map<String, Integer> dimensions) throws IOException {
        String jsonRel = "heads/" + name + ".json";
        String weightsRel = "heads/" + name + ".safetensors";
        String digest = artifact.digests().get(jsonRel);
        if (digest == null) {
            throw new ArtifactException(artifact.source(), jsonRel,
                    "missing: a decoding head needs its description (classes, pooling) beside the weights");
        }
        Path jsonFile = artifact.root().resolve(jsonRel);
        byte[] bytes = Files.readAllBytes(jsonFile);
        if (!digest.equals(sha256(bytes))) {
            throw new ArtifactException(artifact.source(), jsonRel, "changed after verification");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new ArtifactException(artifact.source(), jsonRel, "not JSON: " + e.getOriginalMessage(), e);
        }
        List<String> classes = new ArrayList<>();
        root.path("classes").forEach(c -> classes.add(c.asString()));
        String pooling = root.path("pooling").asString("");
        Integer d = dimensions.get(pooling);
        if (d == null || d < 1) {
            throw new ArtifactException(artifact.source(), jsonRel, "pooling \"" + pooling
                    + "\" is not a fixed-width pooling of this model; it has " + dimensions);
        }
        try (NDManager scratch = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = Safetensors.read(artifact.root().resolve(weightsRel), scratch);
            NDArray w = tensors.get("weight");
            NDArray b = tensors.get("bias");
            int k = classes.size();
            if (w == null || b == null || tensors.size() != 2 || k < 2 || w.getShape().dimension() != 2
                    || w.getShape().get(0) != k || w.getShape().get(1) != d || b.getShape().dimension() != 1
                    || b.getShape().get(0) != k) {
                throw new ArtifactException(artifact.source(), weightsRel, "expected exactly weight [" + k + ", " + d
                        + "] and bias [" + k + "] for " + k + " classes (K >= 2) on " + pooling
                        + " embeddings, got " + describe(tensors));
            }
            float[] flat = w.toType(DataType.FLOAT32, false).toFloatArray();
            float[][] rows = new float[k][d];
            for (int i = 0; i < k; i++) {
                System.arraycopy(flat, i * d, rows[i], 0, d);
            }
            return new ServedHead(name, classes, pooling, rows, b.toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Map<String, NDArray> tensors) {
        List<String> parts = new ArrayList<>();
        tensors.forEach((n, t) -> parts.add(n + " " + t.getShape()));
        return parts.toString();
    }
}

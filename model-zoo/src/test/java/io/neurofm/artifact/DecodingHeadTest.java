package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodingHeadTest {
    private static final DecodingHead HEAD = new DecodingHead(List.of("a", "b", "c"), "mean", "test",
            Map.of("cv_balanced_accuracy_mean", 0.75),
            new float[][] {{1, 0}, {0, 1}, {1, 1}}, new float[] {0, 0, -1});

    @Test
    void probabilitiesAreSoftmaxOfTheAffineMap() {
        // e = (ln 2, 0): logits ln 2, 0, ln 2 - 1 -> exp: 2, 1, 2/e.
        double[] p = HEAD.probabilities(new float[] {(float) Math.log(2), 0f});
        double sum = 2 + 1 + 2 / Math.E;
        double ln2f = (float) Math.log(2);
        assertEquals(Math.exp(ln2f) / (Math.exp(ln2f) + 1 + Math.exp(ln2f - 1)), p[0], 1e-15);
        assertEquals(1 / sum, p[1], 1e-7);
        assertEquals(2 / Math.E / sum, p[2], 1e-7);
        assertEquals("a", HEAD.predict(new float[] {(float) Math.log(2), 0f}));
        // Large logits do not overflow.
        double[] big = HEAD.probabilities(new float[] {1000f, 0f});
        assertEquals(1.0, big[0] + big[1] + big[2], 1e-12);
        assertTrue(Double.isFinite(big[0]));
    }

    @Test
    void descriptionNamesClassesPoolingAndInput() {
        var json = ArtifactJson.MAPPER.readTree(new String(HEAD.toJson(), StandardCharsets.UTF_8));
        assertEquals(List.of("a", "b", "c"), json.get("classes").valueStream().map(n -> n.asString()).toList());
        assertEquals("mean", json.get("pooling").asString());
        assertEquals("pooled embedding", json.get("input").asString());
        assertEquals("test", json.get("task").asString());
        assertEquals(0.75, json.get("metrics").get("cv_balanced_accuracy_mean").asDouble());
    }

    @Test
    void refusesWrongShapes() {
        assertThrows(IllegalArgumentException.class, () -> HEAD.probabilities(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new DecodingHead(List.of("a", "b"), "mean", "t", Map.of(),
                new float[][] {{1}}, new float[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new DecodingHead(List.of("a", "b"), "cls", "t", Map.of(),
                new float[][] {{1}, {2}}, new float[] {0, 0}));
    }

    @Test
    void loadAllReadsEveryHeadAndChecksItsWidthAgainstTheModel(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(3).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            linear.getParameters().get("weight").getArray().set(manager.create(new float[] {1, 0, 0, 1, 1, 1},
                    new Shape(3, 2)).toFloatArray());
            linear.getParameters().get("bias").getArray().set(new float[] {0, 0, -1});
            Path written = new ArtifactWriter(ArtifactFixtures.config(), ArtifactFixtures.preprocessing(),
                    ArtifactFixtures.card(), ArtifactFixtures.stack(manager, 3))
                    .head("hands", linear, HEAD.toJson())
                    .writeDirectory(dir.resolve("a"));
            try (Artifact artifact = Artifact.open(written)) {
                Map<String, DecodingHead> heads = DecodingHead.loadAll(artifact, Map.of("mean", 2, "power", 4), manager);
                assertEquals(List.of("hands"), List.copyOf(heads.keySet()));
                DecodingHead read = heads.get("hands");
                float[] e = {0.3f, -1.2f};
                assertEquals(List.of("a", "b", "c"), read.classes());
                assertEquals(HEAD.classOf(HEAD.probabilities(e)), read.predict(e));
                double[] expected = HEAD.probabilities(e);
                double[] actual = read.probabilities(e);
                for (int k = 0; k < expected.length; k++) {
                    assertEquals(expected[k], actual[k], 0.0);
                }
                ArtifactException wide = assertThrows(ArtifactException.class,
                        () -> DecodingHead.loadAll(artifact, Map.of("mean", 5), manager));
                assertTrue(wide.getMessage().contains("heads/hands.safetensors")
                        && wide.getMessage().contains("2-wide mean"), wide.getMessage());
                assertThrows(ArtifactException.class, () -> DecodingHead.loadAll(artifact, Map.of("power", 2), manager));
            }
        }
    }

    @Test
    void classOfTakesTheFirstOfTiedMaxima() {
        assertEquals("b", HEAD.classOf(new double[] {0.2, 0.4, 0.4}));
        assertThrows(IllegalArgumentException.class, () -> HEAD.classOf(new double[] {0.5, 0.5}));
    }
}

package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}

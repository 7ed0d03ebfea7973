package io.neurofm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Linear and Conv1d patch embeddings are the same map under a weight reshape. */
class PatchEmbeddingTest {
    static final int C = 3;
    static final int P = 5;
    static final int D = 8;
    static final Shape INPUT = new Shape(2, C, 4 * P);

    @Test
    void flattenedPatchVectorsAreChannelMajor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // x[b, c, n*P + p] = 100c + n*P + p; patch n's vector index c*P + p.
            float[] values = new float[C * 2 * P];
            for (int c = 0; c < C; c++) {
                for (int i = 0; i < 2 * P; i++) {
                    values[c * 2 * P + i] = 100 * c + i;
                }
            }
            NDArray x = manager.create(values, new Shape(1, C, 2 * P));
            NDArray patches = PatchEmbedding.flattenPatches(x, P);
            assertEquals(new Shape(1, 2, C * P), patches.getShape());
            float[] second = patches.get(0, 1).toFloatArray();
            assertEquals(5f, second[0]);
            assertEquals(9f, second[P - 1]);
            assertEquals(105f, second[P]);
            assertEquals(209f, second[C * P - 1]);
        }
    }

    @Test
    void conv1dAndLinearVariantsAgreeUnderWeightReshape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding conv = NnFixtures.initialized(PatchEmbedding.conv1d(C, P, D), manager,
                    DataType.FLOAT32, INPUT);
            PatchEmbedding linear = NnFixtures.initialized(PatchEmbedding.linear(C, P, D), manager,
                    DataType.FLOAT32, INPUT);
            Map<String, Parameter> convParams = StateDict.parameters(conv);
            assertEquals(List.of("proj.weight", "proj.bias"), List.copyOf(convParams.keySet()));
            assertEquals(new Shape(D, C, P), convParams.get("proj.weight").getShape());
            assertEquals(new Shape(D, C * P),
                    StateDict.parameters(linear).get("proj.weight").getShape());
            NDArray bias = manager.randomNormal(new Shape(D));
            StateDict.load(linear, Map.of(
                    "proj.weight", convParams.get("proj.weight").getArray().reshape(D, C * P),
                    "proj.bias", bias));
            StateDict.load(conv, Map.of(
                    "proj.weight", convParams.get("proj.weight").getArray().duplicate(),
                    "proj.bias", bias));

            NDArray x = manager.randomNormal(INPUT);
            NDArray a = NnFixtures.forward(conv, manager, x);
            NDArray b = NnFixtures.forward(linear, manager, x);
            assertEquals(new Shape(2, 4, D), a.getShape());
            assertArrayEquals(conv.getOutputShapes(new Shape[] {INPUT}), new Shape[] {a.getShape()});
            assertTrue(NnFixtures.maxAbsDiff(a, b) <= 1e-5, "max abs diff " + NnFixtures.maxAbsDiff(a,
                    b));
        }
    }

    @Test
    void lengthsThatAreNotAMultipleOfThePatchAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding linear = NnFixtures.initialized(PatchEmbedding.linear(C, P, D), manager,
                    DataType.FLOAT32, INPUT);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NnFixtures.forward(linear, manager, manager.zeros(new Shape(1, C, 12))));
            assertTrue(e.getMessage().contains("not a multiple of the patch length 5"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> NnFixtures.forward(linear, manager, manager.zeros(new Shape(1, 2, 10))));
        }
    }
}

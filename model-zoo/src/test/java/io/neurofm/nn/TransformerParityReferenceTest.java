package io.neurofm.nn;

import io.neurofm.tensor.Safetensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the PyTorch reference with tools/reference/transformer_parity.py, checks that the
 * committed fixture is what the script produces, and checks parity against the fresh outputs.
 */
@Tag("reference")
class TransformerParityReferenceTest {
    @Test
    void freshPytorchOutputsMatchOurBlocksAndTheCommittedFixture(@TempDir Path dir)
            throws Exception {
        System.out.print(ReferencePython.run("transformer_parity.py", dir.toString()));
        Path committed = NnFixtures.resource("");
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String file : new String[] {"transformer_layer.safetensors",
                    "transformer_stack.safetensors"}) {
                assertSameTensors(Safetensors.read(committed.resolve(file), manager),
                        Safetensors.read(dir.resolve(file), manager), 0, file);
            }
            // Weights and input are seeded exactly; outputs may differ in the last bits between
            // BLAS builds.
            Map<String, NDArray> fresh = Safetensors.read(dir.resolve("transformer_io.safetensors"),
                    manager);
            Map<String, NDArray> old = Safetensors.read(
                    committed.resolve("transformer_io.safetensors"), manager);
            assertArrayEquals(old.get("input").toFloatArray(), fresh.get("input").toFloatArray(), 0f);
            assertSameTensors(old, fresh, 1e-6, "transformer_io.safetensors");
        }
        TransformerParityTest.assertLayerParity(dir, false, "output");
        TransformerParityTest.assertLayerParity(dir, true, "output_causal");
        TransformerParityTest.assertStackParity(dir);
    }

    private static void assertSameTensors(Map<String, NDArray> expected, Map<String, NDArray> actual,
            double tolerance, String file) {
        assertEquals(expected.keySet(), actual.keySet(), file);
        expected.forEach((name, e) -> {
            double diff = NnFixtures.maxAbsDiff(e, actual.get(name));
            assertTrue(diff <= tolerance, file + " " + name + ": max abs diff " + diff);
        });
    }
}

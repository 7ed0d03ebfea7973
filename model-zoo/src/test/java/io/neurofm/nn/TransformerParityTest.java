package io.neurofm.nn;

import io.neurofm.tensor.Safetensors;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our layer and stack against PyTorch 1.13's nn.TransformerEncoderLayer / nn.TransformerEncoder
 * (norm_first, GELU), using the committed fixture written by tools/reference/transformer_parity.py.
 */
class TransformerParityTest {
    static final double TOLERANCE = 1e-5;

    @Test
    void layerMatchesPytorchWithoutMask() throws IOException {
        assertLayerParity(NnFixtures.resource(""), false, "output");
    }

    @Test
    void causalLayerMatchesPytorchWithSquareSubsequentMask() throws IOException {
        assertLayerParity(NnFixtures.resource(""), true, "output_causal");
    }

    @Test
    void explicitCausalMaskMatchesCausalOption() throws IOException {
        Path dir = NnFixtures.resource("");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> io = Safetensors.read(dir.resolve("transformer_io.safetensors"),
                    manager);
            PreLnTransformerLayer layer = loadedLayer(manager, dir, false);
            NDArray input = io.get("input");
            NDArray mask = CausalMask.additive(input, NnFixtures.LENGTH)
                    .reshape(1, 1, NnFixtures.LENGTH, NnFixtures.LENGTH);
            NDArray out = NnFixtures.forward(layer, manager, input, mask);
            double diff = NnFixtures.maxAbsDiff(out, io.get("output_causal"));
            System.out.printf("layer with explicit [1,1,T,T] causal mask: max |diff| %.3g%n", diff);
            assertTrue(diff <= TOLERANCE, "max abs diff " + diff);
        }
    }

    @Test
    void causalStackWithFinalNormMatchesPytorchEncoder() throws IOException {
        assertStackParity(NnFixtures.resource(""));
    }

    static void assertLayerParity(Path dir, boolean causal, String expected) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> io = Safetensors.read(dir.resolve("transformer_io.safetensors"),
                    manager);
            PreLnTransformerLayer layer = loadedLayer(manager, dir, causal);
            NDArray out = NnFixtures.forward(layer, manager, io.get("input"));
            double diff = NnFixtures.maxAbsDiff(out, io.get(expected));
            System.out.printf("layer %s: max |diff| vs PyTorch %.3g%n", expected, diff);
            assertTrue(diff <= TOLERANCE, expected + ": max abs diff " + diff);
        }
    }

    static void assertStackParity(Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> io = Safetensors.read(dir.resolve("transformer_io.safetensors"),
                    manager);
            TransformerStack stack = NnFixtures.initialized(
                    new TransformerStack(config(true), 2, true), manager, DataType.FLOAT32,
                    io.get("input").getShape());
            StateDict.load(stack, dir.resolve("transformer_stack.safetensors"));
            NDArray out = NnFixtures.forward(stack, manager, io.get("input"));
            double diff = NnFixtures.maxAbsDiff(out, io.get("stack_output_causal"));
            System.out.printf("stack_output_causal: max |diff| vs PyTorch %.3g%n", diff);
            assertTrue(diff <= TOLERANCE, "stack: max abs diff " + diff);
        }
    }

    static PreLnTransformerLayer loadedLayer(NDManager manager, Path dir, boolean causal)
            throws IOException {
        PreLnTransformerLayer layer = NnFixtures.initialized(new PreLnTransformerLayer(
                config(causal)), manager, DataType.FLOAT32,
                new Shape(NnFixtures.BATCH, NnFixtures.LENGTH, NnFixtures.D));
        StateDict.load(layer, dir.resolve("transformer_layer.safetensors"));
        return layer;
    }

    static TransformerConfig config(boolean causal) {
        return new TransformerConfig(NnFixtures.D, NnFixtures.HEADS, NnFixtures.FF, 0f, causal);
    }
}

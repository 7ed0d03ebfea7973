package io.neurofm.nn;

import io.neurofm.tensor.Safetensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch-style names, save/load round trips and strict loading. */
class StateDictTest {
    static final Shape INPUT = new Shape(2, 9, 32);

    @Test
    void layerAndStackNamesAreExactlyPytorchStateDictKeys() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerConfig config = TransformerParityTest.config(false);
            assertEquals(
                    keysOf(NnFixtures.resource("transformer_layer.safetensors"), manager),
                    new ArrayList<>(StateDict.parameters(new PreLnTransformerLayer(config)).keySet()));
            assertEquals(
                    keysOf(NnFixtures.resource("transformer_stack.safetensors"), manager),
                    new ArrayList<>(StateDict.parameters(new TransformerStack(config, 2, true))
                            .keySet()));
        }
    }

    @Test
    void saveThenLoadThenForwardIsBitIdentical(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerConfig config = new TransformerConfig(32, 4, 64, 0f, true, true);
            manager.getEngine().setRandomSeed(1);
            TransformerStack saved = NnFixtures.initialized(new TransformerStack(config, 2, true),
                    manager, DataType.FLOAT32, INPUT);
            NDArray x = manager.randomNormal(INPUT);
            float[] expected = NnFixtures.forward(saved, manager, x).toFloatArray();
            Path file = dir.resolve("model.safetensors");
            StateDict.save(saved, file);

            manager.getEngine().setRandomSeed(2);
            TransformerStack loaded = NnFixtures.initialized(new TransformerStack(config, 2, true),
                    manager, DataType.FLOAT32, INPUT);
            assertNotEquals(
                    StateDict.parameters(saved).get("layers.1.linear1.weight").getArray(),
                    StateDict.parameters(loaded).get("layers.1.linear1.weight").getArray());
            StateDict.load(loaded, file);
            assertArrayEquals(expected, NnFixtures.forward(loaded, manager, x).toFloatArray(), 0f);
            assertEquals(StateDict.METADATA, Safetensors.metadata(file));
        }
    }

    @Test
    void djlsOwnSafetensorsDecoderReadsOurFile(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            PreLnTransformerLayer layer = NnFixtures.initialized(
                    new PreLnTransformerLayer(new TransformerConfig(32, 4, 64, 0f, false)),
                    manager, DataType.FLOAT32, INPUT);
            Path file = dir.resolve("model.safetensors");
            StateDict.save(layer, file);
            NDList decoded;
            try (InputStream in = Files.newInputStream(file)) {
                decoded = NDList.decode(manager, in);
            }
            Map<String, Parameter> params = StateDict.parameters(layer);
            assertEquals(params.size(), decoded.size());
            for (NDArray array : decoded) {
                assertEquals(params.get(array.getName()).getArray(), array, array.getName());
            }
        }
    }

    @Test
    void loadIsStrictAndReportsEveryProblemWithoutChangingTheBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PreLnTransformerLayer layer = NnFixtures.initialized(
                    new PreLnTransformerLayer(new TransformerConfig(32, 4, 64, 0f, false)),
                    manager, DataType.FLOAT32, INPUT);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            StateDict.parameters(layer).forEach((k, p) -> tensors.put(k, p.getArray().add(1f)));
            tensors.remove("norm2.bias");
            tensors.put("linear1.weight", manager.zeros(new Shape(64, 31)));
            tensors.put("decoder.weight", manager.zeros(new Shape(2)));
            NDArray before = StateDict.parameters(layer).get("norm1.weight").getArray().duplicate();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StateDict.load(layer, tensors));
            assertTrue(e.getMessage().contains("missing norm2.bias"), e.getMessage());
            assertTrue(e.getMessage().contains("linear1.weight: shape (64, 31) in the file, (64, 32)"
                    + " in the block"), e.getMessage());
            assertTrue(e.getMessage().contains("unexpected decoder.weight"), e.getMessage());
            assertEquals(before, StateDict.parameters(layer).get("norm1.weight").getArray());
        }
    }

    @Test
    void loadingBeforeInitialisationIsRefused() {
        PreLnTransformerLayer layer = new PreLnTransformerLayer(new TransformerConfig(32, 4, 64, 0f,
                false));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StateDict.load(layer, Map.of()));
        assertTrue(e.getMessage().contains("self_attn.in_proj_weight is not initialised"),
                e.getMessage());
    }

    @Test
    void float32CheckpointLoadsIntoFloat64BlockAndStillTrains(@TempDir Path dir)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerConfig config = new TransformerConfig(32, 4, 64, 0f, false);
            PreLnTransformerLayer single = NnFixtures.initialized(new PreLnTransformerLayer(config),
                    manager, DataType.FLOAT32, INPUT);
            Path file = dir.resolve("f32.safetensors");
            StateDict.save(single, file);
            PreLnTransformerLayer wide = NnFixtures.initialized(new PreLnTransformerLayer(config),
                    manager, DataType.FLOAT64, INPUT);
            StateDict.load(wide, file);
            Map<String, Parameter> source = StateDict.parameters(single);
            StateDict.parameters(wide).forEach((name, p) -> {
                assertEquals(DataType.FLOAT64, p.getArray().getDataType());
                assertEquals(source.get(name).getArray().toType(DataType.FLOAT64, false),
                        p.getArray(), name);
            });
            // set() must leave the parameters trainable leaves.
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = wide.forward(new ParameterStore(manager, false),
                        new NDList(manager.randomNormal(0, 1, INPUT, DataType.FLOAT64)), true)
                        .head();
                collector.backward(out.square().sum());
                NDArray grad = StateDict.parameters(wide).get("self_attn.in_proj_weight")
                        .getArray().getGradient();
                assertTrue(grad.abs().sum().getDouble() > 0);
            }
        }
    }

    private static List<String> keysOf(Path file, NDManager manager) throws IOException {
        try (NDManager scope = manager.newSubManager()) {
            return new ArrayList<>(Safetensors.read(file, scope).keySet());
        }
    }
}

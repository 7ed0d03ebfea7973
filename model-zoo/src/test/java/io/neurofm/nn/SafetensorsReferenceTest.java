package io.neurofm.nn;

import io.neurofm.tensor.Safetensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model.safetensors we write, parsed by the plain-numpy parser in tools/reference and re-emitted
 * with numpy's own .npz writer, holds exactly our tensors (names, order, shapes, bytes).
 */
@Tag("reference")
class SafetensorsReferenceTest {
    @Test
    void numpyParserReadsTheSameTensors(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            TransformerStack stack = NnFixtures.initialized(
                    new TransformerStack(new TransformerConfig(32, 4, 64, 0f, true, true), 2, true),
                    manager, DataType.FLOAT32, new Shape(2, 9, 32));
            Path model = dir.resolve("model.safetensors");
            StateDict.save(stack, model);
            Path npz = dir.resolve("model.npz");
            System.out.print(ReferencePython.run("read_safetensors.py", model.toString(),
                    npz.toString()));

            NDList parsed;
            try (InputStream in = Files.newInputStream(npz)) {
                parsed = NDList.decode(manager, in);
            }
            Map<String, Parameter> params = StateDict.parameters(stack);
            List<String> names = new ArrayList<>();
            for (NDArray array : parsed) {
                names.add(array.getName());
                NDArray ours = params.get(array.getName()).getArray();
                assertEquals(ours.getShape(), array.getShape(), array.getName());
                assertEquals(ours.getDataType(), array.getDataType(), array.getName());
                assertArrayEquals(ours.toByteArray(), array.toByteArray(), array.getName());
            }
            assertEquals(new ArrayList<>(params.keySet()), names);
        }
    }
}

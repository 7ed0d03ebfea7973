package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.neurofm.nn.StateDict;
import io.neurofm.nn.TransformerStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An artifact's model.safetensors, read by the plain-numpy parser in tools/reference
 * (read_safetensors.py, re-emitted with numpy's .npz writer), holds exactly the block's tensors.
 */
@Tag("reference")
class ArtifactReferenceTest {
    @Test
    void pythonReadsTheSameTensors(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerStack stack = ArtifactFixtures.stack(manager, 11);
            Path artifact = ArtifactFixtures.writer(manager, stack).writeDirectory(dir.resolve("tiny"));
            Path npz = dir.resolve("model.npz");
            System.out.print(python("read_safetensors.py", artifact.resolve("model.safetensors").toString(),
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

    private static String python(String script, String... args) throws IOException, InterruptedException {
        Path tools = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && tools == null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("tools").resolve("reference"))) {
                tools = p.resolve("tools").resolve("reference");
            }
        }
        if (tools == null) {
            throw new IllegalStateException("tools/reference not found above " + Path.of("").toAbsolutePath());
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", tools.resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + output);
        }
        return output;
    }
}

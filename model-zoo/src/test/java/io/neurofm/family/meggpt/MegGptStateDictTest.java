package io.neurofm.family.meggpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.neurofm.nn.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights saved with StateDict and loaded into a differently initialised model give the same logits. */
class MegGptStateDictTest {
    @Test
    void saveThenLoadGivesBitIdenticalLogits(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptConfig config = MegGptFixtures.small(1);
            MegGptModel saved = MegGptFixtures.initialised(config, manager, 21);
            NDList batch = MegGptFixtures.batch(manager, MegGptFixtures.randomTokens(2, 3, 24, 17, 8));
            float[] expected = MegGptFixtures.logits(saved, manager, batch).toFloatArray();
            Path file = dir.resolve("meggpt.safetensors");
            StateDict.save(saved.block(), file);

            MegGptModel loaded = MegGptFixtures.initialised(config, manager, 22);
            assertFalse(Arrays.equals(expected,
                    MegGptFixtures.logits(loaded, manager, batch).toFloatArray()));
            StateDict.load(loaded.block(), file);
            assertArrayEquals(expected, MegGptFixtures.logits(loaded, manager, batch).toFloatArray(), 0f);
        }
    }
}

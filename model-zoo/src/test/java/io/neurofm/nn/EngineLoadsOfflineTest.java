package io.neurofm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

/** libtorch must come from the Maven jars with DJL_OFFLINE=true: nothing is downloaded at run time. */
class EngineLoadsOfflineTest {

    @Test
    void pytorchEngineLoadsFromMavenJarsWithoutNetwork() {
        assertEquals("true", System.getenv("DJL_OFFLINE"), "surefire must run with DJL_OFFLINE=true");
        assertTrue(Utils.isOfflineMode(), "DJL must be in offline mode");
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("PyTorch", engine.getEngineName());
        assertTrue(engine.getVersion().startsWith("2.7.1"), "libtorch version " + engine.getVersion());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            float[] product = a.matMul(a).toFloatArray();
            assertArrayEquals(new float[] {7, 10, 15, 22}, product, 0f);
        }
    }
}

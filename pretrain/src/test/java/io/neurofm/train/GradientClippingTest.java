package io.neurofm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    @Test
    void totalNormIsTheNormOfAllGradientsTogether() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 3^2 + 4^2 + 12^2 = 169
            float norm = GradientClipping.totalNorm(List.of(manager.create(new float[] {3, 0}),
                    manager.create(new float[][] {{4}}), manager.create(new float[] {0, 0, 12}))).getFloat();
            assertEquals(13f, norm, 1e-6f);
        }
    }

    @Test
    void coefficientLikeClipGradNorm() {
        assertEquals(1.0 / (13 + 1e-6), GradientClipping.coefficient(13, 1.0), 1e-15);
        assertEquals(1.0, GradientClipping.coefficient(0.5, 1.0), 0);
        assertEquals(1.0, GradientClipping.coefficient(1e9, 0), 0);
    }
}

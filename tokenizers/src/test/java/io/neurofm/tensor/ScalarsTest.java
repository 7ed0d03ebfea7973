package io.neurofm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The owned scalars give DJL's results and gradients, in the input's type. */
class ScalarsTest {
    @Test
    void valuesAndGradientsMatchTheArithmetic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-2f, 0.5f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.mul(x, 3).add(Scalars.div(x, 4)).add(Scalars.minimum(x, 1))
                        .add(Scalars.maximum(x, 0));
                assertArrayEquals(new float[] {-6f - 0.5f - 2f + 0f, 1.5f + 0.125f + 0.5f + 0.5f, 9f + 0.75f + 1f + 3f},
                        y.toFloatArray(), 1e-6f);
                collector.backward(y.sum());
            }
            // d/dx: 3 + 1/4 + [x < 1] + [x > 0]
            assertArrayEquals(new float[] {3.25f + 1f, 3.25f + 1f + 1f, 3.25f + 1f}, x.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void theScalarHasTheInputsTypeAndNoShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1.0});
            NDArray s = Scalars.of(x, 0.1);
            assertEquals(DataType.FLOAT64, s.getDataType());
            assertEquals(0, s.getShape().dimension());
            assertEquals(0.1, s.getDouble(), 1e-7);
        }
    }
}

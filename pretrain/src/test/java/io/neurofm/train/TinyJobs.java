package io.neurofm.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.neurofm.train.bench.EncoderBenchModel;
import java.nio.file.Path;
import java.util.List;

/** The tiny model and data the loop tests train: d=16, 1 layer, 2 heads, length 6, 8 features. */
final class TinyJobs {
    static final int FEATURES = 8;
    static final int LENGTH = 6;

    private TinyJobs() {}

    static EncoderBenchModel model() {
        return new EncoderBenchModel(FEATURES, 16, 1, 2, 32, LENGTH);
    }

    static RandomRegressionData data(int size) {
        return new RandomRegressionData(size, LENGTH, FEATURES, 7, 0.1);
    }

    static TrainingConfig config(long steps, int microBatch) {
        return TrainingConfig.of(20260412L, steps, microBatch, new LearningRateSchedule(3e-3, 3, steps, 3e-4));
    }

    static TrainingResult fit(TrainingConfig config, TrainingData data, Path runDir, List<Device> devices)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager(devices.get(0))) {
            return new Trainer(model(), data, null, config, runDir, devices).fit(manager);
        }
    }
}

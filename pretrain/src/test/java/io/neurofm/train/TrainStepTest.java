package io.neurofm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.neurofm.nn.StateDict;
import io.neurofm.train.bench.EncoderBenchModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainStepTest {
    @Test
    void aStepLeavesNoArraysBehind() throws Exception {
        EncoderBenchModel model = TinyJobs.model();
        RandomRegressionData data = TinyJobs.data(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager);
            LinkedHashMap<String, Parameter> params = StateDict.parameters(model.block());
            AdamW adamw = new AdamW(params, AdamWConfig.DEFAULT, DecayRule.DEFAULT);
            try (Replicas replicas = new Replicas(params, List.of(Device.cpu(), Device.cpu()))) {
                TrainStep step = new TrainStep(model, replicas, adamw, new ArrayList<>(params.values()), 2, 1.0, 1);
                TrainStep.BatchSource source = (j, r, m) -> data.batch(m, new int[] {2 * j + r});
                step.run(0, 1e-3, source, null);
                int after1 = count(manager);
                for (int s = 1; s < 4; s++) {
                    step.run(s, 1e-3, source, null);
                }
                assertEquals(after1, count(manager), "arrays owned by the model's manager after 1 and 4 steps");
            }
        }
    }

    private static int count(NDManager manager) {
        return manager.getManagedArrays().size();
    }
}

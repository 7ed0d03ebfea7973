package io.neurofm.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.DecodingHead;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.EmbeddingPooling;
import io.neurofm.signal.Recording;
import io.neurofm.tensor.Safetensors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning on the shared Graz motor-imagery recording, from a random-init tiny artifact. */
class GrazFineTuneTest {

    @Test
    void epochsArePreparedTheArtifactsWay(@TempDir Path dir) throws Exception {
        Recording r = GrazFixture.recording();
        Path path = GrazFixture.artifact(dir.resolve("src"), r, GrazFixture.config(16, 1), 1);
        try (Artifact a = Artifact.open(path)) {
            double scale = DeeperBrainArtifacts.inputScale(a.config());
            FineTuneData data = EpochPatches.prepare(r, a.preprocessing(), scale, 100, GrazFixture.CHANNELS,
                    GrazFixture.EVENTS, 0.5, 3.5);
            // 3 s at 200 Hz = 601 samples (inclusive tmax): 6 patches of 100.
            assertEquals(40, data.size());
            assertEquals(List.of("left", "right"), data.classNames());
            assertEquals(20, Arrays.stream(data.labels()).filter(y -> y == 0).count());
            assertEquals(3, data.patches()[0].length);
            assertEquals(6, data.patches()[0][0].length);
            assertEquals(100, data.patches()[0][0][0].length);
            data.positions().forEach(p -> assertNotNull(p, "C3/Cz/C4 have 10-20 positions"));
            FineTuneData doubled = EpochPatches.prepare(r, a.preprocessing(), 2 * scale, 100, GrazFixture.CHANNELS,
                    GrazFixture.EVENTS, 0.5, 3.5);
            // One scalar: doubling it doubles every value exactly (a power of two).
            for (int e = 0; e < data.size(); e++) {
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < 6; p++) {
                        float[] x = data.patches()[e][c][p];
                        float[] y = doubled.patches()[e][c][p];
                        for (int l = 0; l < x.length; l++) {
                            assertEquals(2 * x[l], y[l]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void loraJobWritesAMergedArtifactWithAServableHead(@TempDir Path dir) throws Exception {
        Recording r = GrazFixture.recording();
        Path source = GrazFixture.artifact(dir.resolve("src"), r, GrazFixture.config(16, 1), 2);
        FineTuneConfig config = FineTuneConfig.defaults(FineTuneMode.LORA, 3).withLearningRate(3e-3)
                .withLora(new LoraConfig(4, 8));
        try (NDManager manager = NDManager.newBaseManager(); Artifact a = Artifact.open(source)) {
            FineTuneData data = EpochPatches.prepare(r, a.preprocessing(), DeeperBrainArtifacts.inputScale(a.config()),
                    100, GrazFixture.CHANNELS, GrazFixture.EVENTS, 0.5, 3.5);
            FineTuneJob.Result result = FineTuneJob.run(a, data, config, 0, "mi", "left vs right hand motor imagery",
                    "graz", dir.resolve("out"), manager);
            ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
            registry.register(result.artifact(), "graz-lora");
            try (Artifact tuned = registry.open("graz-lora")) {
                assertEquals(List.of("mi"), tuned.heads());
                assertEquals(a.config().hyperparameters(), tuned.config().hyperparameters());
                // Only the adapted attention projections differ from the source weights.
                try (NDManager s = manager.newSubManager()) {
                    Map<String, NDArray> before = Safetensors.read(a.root().resolve("model.safetensors"), s);
                    Map<String, NDArray> after = Safetensors.read(tuned.root().resolve("model.safetensors"), s);
                    assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
                    for (String name : before.keySet()) {
                        boolean adapted = LoraAdapters.TARGETS.stream().anyMatch(name::endsWith);
                        boolean same = Arrays.equals(before.get(name).toByteArray(), after.get(name).toByteArray());
                        assertEquals(!adapted, same, name);
                    }
                }
                DecodingHead head = DecodingHead.load(tuned, "mi", manager);
                assertEquals(List.of("left", "right"), head.classes());
                assertEquals("mean", head.pooling());
                assertEquals(16, head.inputDim());
                assertEquals(List.of("training_epochs", "final_training_loss"), List.copyOf(head.metrics().keySet()));
                assertEquals(40.0, head.metrics().get("training_epochs"));

                // Serving path (merged backbone loaded strictly into the plain architecture, pure-Java
                // head) equals the graph path (DJL Linear loaded from heads/mi.safetensors, softmax).
                DeeperBrainModel model = DeeperBrainArtifacts.load(tuned, manager);
                Linear linear = Linear.builder().setUnits(2).build();
                linear.initialize(manager, DataType.FLOAT32, new Shape(1, 16));
                tuned.loadHead("mi", linear, manager);
                try (NDManager s = manager.newSubManager()) {
                    NDList b = data.batch(s, data.all());
                    ParameterStore store = new ParameterStore(s, false);
                    NDArray pooled = model.pooled(store, new NDList(b.get(0), b.get(1), b.get(2)),
                            EmbeddingPooling.MEAN, false);
                    float[] graph = linear.forward(store, new NDList(pooled), false).head().softmax(1).toFloatArray();
                    float[] e = pooled.toFloatArray();
                    double worst = 0;
                    for (int i = 0; i < data.size(); i++) {
                        double[] p = head.probabilities(Arrays.copyOfRange(e, i * 16, (i + 1) * 16));
                        assertEquals(1.0, p[0] + p[1], 1e-12);
                        for (int k = 0; k < 2; k++) {
                            worst = Math.max(worst, Math.abs(p[k] - graph[i * 2 + k]));
                        }
                    }
                    assertTrue(worst < 1e-6, "pure-Java head vs DJL head: " + worst);
                }
            }
        }
    }
}

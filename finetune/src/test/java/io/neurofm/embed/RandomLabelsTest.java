package io.neurofm.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.Artifact;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.probe.LogisticRegressionCvProbe;
import io.neurofm.probe.ProbeDataset;
import io.neurofm.probe.ProbeEvaluation;
import io.neurofm.probe.ProbeResult;
import io.neurofm.probe.Splitter;
import io.neurofm.probe.metrics.Metric;
import io.neurofm.signal.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embeddings of the real Graz epochs with labels drawn at random probe at chance: any path by which
 * a label reached the features or a test fold reached its own training (leakage) would lift it.
 */
class RandomLabelsTest {
    @Test
    void randomLabelsProbeAtChance(@TempDir Path dir) throws Exception {
        double[][] features;
        try (Artifact a = Artifact.open(TinyArtifacts.deeperBrain(dir, 2));
             EmbeddingModel model = EmbeddingModels.load(a, "db:1", null)) {
            Recording graz = InputFiles.load(TinyArtifacts.graz(), TinyArtifacts.grazMap());
            Segments s = Segments.cut(model, graz, Segmentation.epochs(SegmentsTest.events(), 0.5, 3.5));
            float[][] e = Embedder.embed(model, s.windows(), "power");
            features = new double[e.length][];
            for (int i = 0; i < e.length; i++) {
                features[i] = new double[e[i].length];
                for (int j = 0; j < e[i].length; j++) {
                    features[i][j] = e[i][j];
                }
            }
        }
        Random random = new Random(7);
        List<Double> scores = new ArrayList<>();
        for (int draw = 0; draw < 8; draw++) {
            int[] labels = new int[features.length];
            List<Integer> halves = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                halves.add(i % 2);
            }
            java.util.Collections.shuffle(halves, random);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = halves.get(i);
            }
            ProbeDataset data = ProbeDataset.singleRecording(features, labels, List.of("a", "b"),
                    java.util.Collections.nCopies(features[0].length, "e"), "graz");
            ProbeResult r = ProbeEvaluation.run(data, new LogisticRegressionCvProbe(), Splitter.stratified(5),
                    List.of((long) draw), 10);
            scores.add(r.summary().get(Metric.BALANCED_ACCURACY).mean());
        }
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        // 8 draws x 40 trials: chance 0.5 with a standard error near 0.03; 0.4-0.6 is three of them.
        assertTrue(mean > 0.4 && mean < 0.6, "random labels scored " + mean + " on average: " + scores);
    }
}

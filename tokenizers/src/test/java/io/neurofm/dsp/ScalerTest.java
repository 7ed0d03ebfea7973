package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Scaling statistics against numpy (mean, std, median, percentile) and their save/apply cycle. */
class ScalerTest {
    private static final JsonNode GOLD = DspGolden.ROOT.get("scaling");

    @Test
    void statisticsMatchNumpy() {
        double[][] x = DspGolden.inputData("eegmmidb");
        double[] p = DspGolden.vector(GOLD.get("p"));
        for (int c = 0; c < x.length; c++) {
            float[] f = new float[x[c].length];
            for (int t = 0; t < f.length; t++) {
                f[t] = (float) x[c][t];
            }
            double mean = Statistics.mean(f);
            double scale = Math.abs(GOLD.get("std").get(c).asDouble());
            assertEquals(GOLD.get("mean").get(c).asDouble(), mean, 1e-12 * scale, "mean " + c);
            assertEquals(GOLD.get("std").get(c).asDouble(), Statistics.std(f, mean), 1e-12 * scale, "std " + c);
            double[] sorted = Statistics.sorted(f);
            assertEquals(GOLD.get("median").get(c).asDouble(), Statistics.medianOfSorted(sorted), 0, "median " + c);
            assertEquals(GOLD.get("q25").get(c).asDouble(), Statistics.percentileOfSorted(sorted, 25), 0, "q25 " + c);
            assertEquals(GOLD.get("q75").get(c).asDouble(), Statistics.percentileOfSorted(sorted, 75), 0, "q75 " + c);
            for (int i = 0; i < p.length; i++) {
                assertEquals(GOLD.get("percentiles").get(c).get(i).asDouble(),
                        Statistics.percentileOfSorted(sorted, p[i]), 0, "percentile " + p[i] + " of channel " + c);
            }
        }
    }

    @Test
    void fitApplyAndJsonRoundTrip(@TempDir Path dir) throws Exception {
        Recording r = FiltersTest.withExtraChannels(DspGolden.recording("eegmmidb"));
        for (ScalingMethod method : ScalingMethod.values()) {
            ScalingStats stats = Scaler.fit(r, method);
            assertEquals(DspGolden.names("eegmmidb"), stats.channels(), "only signal channels are fitted");
            for (int c = 0; c < stats.channels().size(); c++) {
                double center = method == ScalingMethod.ZSCORE ? GOLD.get("mean").get(c).asDouble()
                        : GOLD.get("median").get(c).asDouble();
                double scale = method == ScalingMethod.ZSCORE ? GOLD.get("std").get(c).asDouble()
                        : GOLD.get("q75").get(c).asDouble() - GOLD.get("q25").get(c).asDouble();
                assertEquals(center, stats.center()[c], 1e-12 * scale);
                assertEquals(scale, stats.scale()[c], 1e-12 * scale);
            }
            Path file = dir.resolve(method + ".json");
            stats.save(file);
            ScalingStats loaded = ScalingStats.load(file);
            assertEquals(stats, loaded);

            Recording scaled = Scaler.apply(r, loaded);
            int stim = r.indexOf("STI 014");
            assertEquals(r.channelData(stim)[100], scaled.channelData(stim)[100]);
            for (int c = 0; c < stats.channels().size(); c++) {
                float[] y = scaled.channelData(c);
                float[] x = r.channelData(c);
                for (int t = 0; t < y.length; t += 97) {
                    assertEquals((x[t] - stats.center()[c]) / stats.scale()[c], y[t], 1e-6);
                }
                if (method == ScalingMethod.ZSCORE) {
                    assertEquals(0, Statistics.mean(y), 1e-6);
                    assertEquals(1, Statistics.std(y, Statistics.mean(y)), 1e-6);
                }
            }
            assertEquals("scale", scaled.provenance().get(scaled.provenance().size() - 1).operation());
        }
    }

    @Test
    void mismatchedChannelsAreNamed() throws Exception {
        Recording r = DspGolden.recording("eegmmidb");
        ScalingStats stats = Scaler.fit(r, ScalingMethod.ROBUST);
        List<String> names = new java.util.ArrayList<>(stats.channels());
        names.set(1, "Cz..");
        ScalingStats renamed = new ScalingStats(stats.method(), names, stats.center(), stats.scale());
        SignalException e = assertThrows(SignalException.class, () -> Scaler.apply(r, renamed));
        assertTrue(e.getMessage().contains("Cz..") && e.getMessage().contains(stats.channels().get(1)),
                e.getMessage());
    }

    @Test
    void flatChannelsAreRefusedByName() {
        Recording r = DspGolden.recording("eegmmidb");
        float[][] s = r.samples();
        java.util.Arrays.fill(s[4], 1e-5f);
        Recording flat = r.withSamples(s, Transform.of("test", "flat", r.channel(4).name()));
        for (ScalingMethod m : ScalingMethod.values()) {
            SignalException e = assertThrows(SignalException.class, () -> Scaler.fit(flat, m));
            assertTrue(e.getMessage().contains(r.channel(4).name()), e.getMessage());
        }
    }

    @Test
    void malformedJsonIsAnIOException() {
        assertThrows(java.io.IOException.class, () -> ScalingStats.fromJson("{\"method\":\"ZSCORE\"}"));
        assertThrows(java.io.IOException.class, () -> ScalingStats.fromJson(
                "{\"method\":\"ZSCORE\",\"channels\":[\"a\"],\"center\":[0],\"scale\":[0]}"));
    }
}

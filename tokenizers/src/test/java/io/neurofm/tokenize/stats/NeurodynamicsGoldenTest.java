package io.neurofm.tokenize.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.SignalException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** The whole target set (PLV, PAC, sample entropy, relative band power) against numpy on real EEG. */
class NeurodynamicsGoldenTest {
    static final List<String> CASES = NdsGolden.CASES;

    private static NeurodynamicsTargets targets(String name) {
        double[][] x = NdsGolden.data(name);
        return NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT.withNyquist(NyquistPolicy.REFUSE),
                NdsGolden.rate(name), x[0].length).compute(x, NdsGolden.names(name));
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void configMatchesTheGoldenScript(String name) {
        JsonNode root = NdsGolden.ROOT;
        NeurodynamicsConfig cfg = NeurodynamicsConfig.DEFAULT;
        for (int b = 0; b < cfg.powerBands().size(); b++) {
            JsonNode band = root.get("bands").get(b);
            assertEquals(band.get("name").asString(), cfg.powerBands().get(b).name());
            assertEquals(band.get("lo").asDouble(), cfg.powerBands().get(b).low());
            assertEquals(band.get("hi").asDouble(), cfg.powerBands().get(b).high());
        }
        assertEquals(root.get("filter_order").asInt(), cfg.filterOrder());
        assertEquals(root.get("sampen_m").asInt(), cfg.sampleEntropyM());
        assertEquals(root.get("sampen_r_factor").asDouble(), cfg.sampleEntropyRFactor());
        assertEquals(root.get("plv_band").get(0).asDouble(), cfg.plvBand().low());
        assertEquals(root.get("pac_amplitude_band").get(1).asDouble(), cfg.pacAmplitudeBand().high());
        assertEquals(NdsGolden.node(name).get("welch").get("nperseg").asInt(), cfg.nperseg(NdsGolden.rate(name)));
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void phaseLockingMatchesNumpy(String name) {
        NeurodynamicsTargets t = targets(name);
        double[] pairs = NdsGolden.vector(NdsGolden.node(name).get("plv_pairs"));
        double[] means = NdsGolden.vector(NdsGolden.node(name).get("plv_channel_mean"));
        double worst = Math.max(maxAbs(pairs, t.plvPairs()), maxAbs(means, t.plvChannelMean()));
        System.out.printf("PLV %s (%d pairs): max abs error %.2e%n", name, pairs.length, worst);
        assertTrue(worst <= 1e-6, "PLV error " + worst);
        assertEquals(pairs[0], t.plv(1, 0), 1e-6);
        assertEquals(pairs[pairs.length - 1], t.plv(t.channelCount() - 1, t.channelCount() - 2), 1e-6);
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void phaseAmplitudeCouplingMatchesNumpy(String name) {
        NeurodynamicsTargets t = targets(name);
        double[][] pac = t.pac();
        JsonNode golden = NdsGolden.node(name).get("pac");
        double worst = 0;
        for (int p = 0; p < golden.size(); p++) {
            double[] expected = NdsGolden.vector(golden.get(p).get("normalised"));
            for (int c = 0; c < expected.length; c++) {
                worst = Math.max(worst, Math.abs(expected[c] - pac[c][p]));
            }
        }
        System.out.printf("PAC %s: max abs error (normalised MVL) %.2e%n", name, worst);
        assertTrue(worst <= 1e-6, "PAC error " + worst);
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void rawMeanVectorLengthMatchesNumpy(String name) {
        double fs = NdsGolden.rate(name);
        double[][] x = NdsGolden.data(name);
        Hilbert h = new Hilbert(x[0].length);
        BandFilter gamma = new BandFilter(FrequencyBand.GAMMA, fs, 4, NyquistPolicy.REFUSE);
        BandFilter theta = new BandFilter(FrequencyBand.THETA, fs, 4, NyquistPolicy.REFUSE);
        double[] expected = NdsGolden.vector(NdsGolden.node(name).get("pac").get(0).get("raw"));
        double worst = 0;
        for (int c = 0; c < x.length; c++) {
            double[] amp = Phases.amplitude(h.analytic(gamma.apply(x[c])));
            double[] phase = h.analytic(theta.apply(x[c]));
            Phases.toUnitPhasors(phase);
            worst = Math.max(worst, NdsGolden.relativeError(expected[c], Phases.meanVectorLength(phase, amp)));
        }
        System.out.printf("raw MVL %s: max relative error %.2e%n", name, worst);
        assertTrue(worst <= 1e-6, "raw MVL relative error " + worst);
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void sampleEntropyCountsAndValuesAreIdenticalToNumpy(String name) {
        double[][] x = NdsGolden.data(name);
        JsonNode golden = NdsGolden.node(name).get("sample_entropy");
        double[] fromTargets = targets(name).sampleEntropy();
        for (int c = 0; c < x.length; c++) {
            JsonNode g = golden.get(c);
            SampleEntropy.Result r = SampleEntropy.compute(x[c], 2, 0.2);
            assertEquals(g.get("r").asDouble(), r.r(), 0.0, "r = 0.2 * np.std bit-identical, channel " + c);
            assertEquals(g.get("b").asLong(), r.b(), "B (length-m matches), channel " + c);
            assertEquals(g.get("a").asLong(), r.a(), "A (length-m+1 matches), channel " + c);
            // identical counts give an identical quotient A / B; only the logarithm differs: numpy's
            // float64 log is its own SIMD routine and is not correctly rounded (1 ulp from glibc's
            // on this very data), while Java uses StrictMath.log (fdlibm) so targets are the same on
            // every JVM. So the value is compared within 2 ulp.
            double expected = g.get("value").asDouble();
            assertEquals(expected, r.value(), 2 * Math.ulp(expected), "SampEn value, channel " + c);
            assertEquals(-StrictMath.log((double) g.get("a").asLong() / g.get("b").asLong()), r.value(), 0.0);
            assertEquals(r.value(), fromTargets[c], 0.0);
        }
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void recordingEntryPointGivesTheSameTargetsAsTheArrays(String name) throws SignalException {
        NeurodynamicsTargets fromArrays = targets(name);
        NeurodynamicsTargets fromRecording = NeurodynamicsStatistics.compute(NdsGolden.recording(name), 0,
                NdsGolden.data(name)[0].length, NeurodynamicsConfig.DEFAULT);
        assertEquals(fromArrays, fromRecording);
        double[][] rbp = fromRecording.relativeBandPower();
        double[][] expected = NdsGolden.matrix(NdsGolden.node(name).get("relative_band_power"));
        for (int c = 0; c < rbp.length; c++) {
            for (int b = 0; b < rbp[c].length; b++) {
                assertTrue(NdsGolden.relativeError(expected[c][b], rbp[c][b]) <= 1e-9);
            }
        }
    }

    private static double maxAbs(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        return worst;
    }
}

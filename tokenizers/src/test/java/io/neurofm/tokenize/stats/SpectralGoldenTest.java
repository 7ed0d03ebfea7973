package io.neurofm.tokenize.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** Welch PSD, band power and the analytic signal against scipy on real EEG windows. */
class SpectralGoldenTest {
    static final java.util.List<String> CASES = NdsGolden.CASES;

    @ParameterizedTest
    @FieldSource("CASES")
    void welchMatchesScipyPerBin(String name) {
        JsonNode w = NdsGolden.node(name).get("welch");
        double fs = NdsGolden.rate(name);
        Welch welch = new Welch(fs, w.get("nperseg").asInt());
        assertEquals(w.get("noverlap").asInt(), welch.noverlap());
        assertArrayEquals(NdsGolden.vector(w.get("freqs")), welch.frequencies(), 0.0, "rfftfreq bit-identical");
        assertArrayEquals(NdsGolden.vector(w.get("window")), welch.window(), 1e-15, "periodic Hann window");
        double[][] x = NdsGolden.data(name);
        double[][] expected = NdsGolden.matrix(w.get("psd"));
        double worst = 0;
        for (int c = 0; c < x.length; c++) {
            worst = Math.max(worst, comparePsd(expected[c], welch.psd(x[c]), name + " channel " + c));
        }
        System.out.printf("welch %s nperseg %d: max relative error per bin %.2e%n", name, welch.nperseg(), worst);
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void welchOtherSegmentLengthsIncludingOddAndSingleSegment(String name) {
        double fs = NdsGolden.rate(name);
        double[][] x = NdsGolden.data(name);
        for (JsonNode e : NdsGolden.node(name).get("welch_extra")) {
            Welch welch = new Welch(fs, e.get("nperseg").asInt());
            assertArrayEquals(NdsGolden.vector(e.get("freqs")), welch.frequencies(), 0.0);
            double[][] expected = NdsGolden.matrix(e.get("psd"));
            double worst = 0;
            for (int c = 0; c < expected.length; c++) {
                worst = Math.max(worst, comparePsd(expected[c], welch.psd(x[c]),
                        name + " nperseg " + welch.nperseg() + " channel " + c));
            }
            System.out.printf("welch %s nperseg %d (%d segments): max relative error %.2e%n", name,
                    welch.nperseg(), welch.segmentCount(x[0].length), worst);
        }
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void bandPowerMatchesNumpy(String name) {
        JsonNode node = NdsGolden.node(name);
        double fs = NdsGolden.rate(name);
        Welch welch = new Welch(fs, node.get("welch").get("nperseg").asInt());
        BandPower bp = new BandPower(welch, FrequencyBand.CLASSIC, NyquistPolicy.REFUSE);
        double[][] x = NdsGolden.data(name);
        double[][] absolute = NdsGolden.matrix(node.get("band_power"));
        double[][] relative = NdsGolden.matrix(node.get("relative_band_power"));
        double worstAbs = 0;
        double worstRel = 0;
        for (int c = 0; c < x.length; c++) {
            double[] a = bp.absolute(welch.psd(x[c]));
            double[] r = BandPower.relative(a);
            for (int b = 0; b < a.length; b++) {
                worstAbs = Math.max(worstAbs, NdsGolden.relativeError(absolute[c][b], a[b]));
                worstRel = Math.max(worstRel, NdsGolden.relativeError(relative[c][b], r[b]));
            }
            assertEquals(1.0, Arrays.stream(r).sum(), 1e-12);
        }
        System.out.printf("band power %s: max relative error absolute %.2e, relative %.2e%n", name, worstAbs, worstRel);
        assertTrue(worstAbs <= 1e-9, "absolute band power error " + worstAbs);
        assertTrue(worstRel <= 1e-9, "relative band power error " + worstRel);
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void hilbertMatchesScipyForEvenAndOddLengths(String name) {
        double[][] x = NdsGolden.data(name);
        JsonNode node = NdsGolden.node(name);
        double worst = compareAnalytic(node.get("hilbert_even"), x, x[0].length, name + " even");
        worst = Math.max(worst, compareAnalytic(node.get("hilbert_odd"), x, x[0].length - 1, name + " odd"));
        System.out.printf("hilbert %s: max error relative to channel peak %.2e%n", name, worst);
    }

    private static double compareAnalytic(JsonNode expected, double[][] x, int n, String what) {
        double[][] re = NdsGolden.matrix(expected.get("re"));
        double[][] im = NdsGolden.matrix(expected.get("im"));
        Hilbert hilbert = new Hilbert(n);
        double worst = 0;
        for (int c = 0; c < re.length; c++) {
            double[] z = hilbert.analytic(Arrays.copyOf(x[c], n));
            double peak = 0;
            for (int t = 0; t < n; t++) {
                peak = Math.max(peak, Math.hypot(re[c][t], im[c][t]));
            }
            for (int t = 0; t < n; t++) {
                double err = Math.max(Math.abs(z[2 * t] - re[c][t]), Math.abs(z[2 * t + 1] - im[c][t])) / peak;
                worst = Math.max(worst, err);
                assertTrue(err <= 1e-12, what + " channel " + c + " sample " + t + ": error " + err);
            }
        }
        return worst;
    }

    private static double comparePsd(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " bin count");
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            double err = NdsGolden.relativeError(expected[k], actual[k]);
            worst = Math.max(worst, err);
            assertTrue(err <= 1e-10, what + " bin " + k + ": expected " + expected[k] + ", got " + actual[k]
                    + " (relative error " + err + ")");
        }
        return worst;
    }
}

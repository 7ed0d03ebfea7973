package io.neurofm.tokenize.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-checkable signals: where the statistics must land follows from how the signal was made. */
class SyntheticStatisticsTest {
    private static final double FS = 160;
    private static final int N = 640;

    private static double[] sine(double freq, double phase, int n, double fs) {
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = Math.sin(2 * Math.PI * freq * t / fs + phase);
        }
        return x;
    }

    @Test
    void aTenHertzSineIsAlmostAllAlpha() {
        // 1 s Hann segments: the main lobe spans +-2 bins (8..12 Hz) and the side lobes are < -31 dB
        Welch welch = new Welch(FS, 160);
        BandPower bp = new BandPower(welch, FrequencyBand.CLASSIC, NyquistPolicy.REFUSE);
        double[] rel = BandPower.relative(bp.absolute(welch.psd(sine(10, 0.3, N, FS))));
        assertTrue(rel[2] > 0.999, "alpha share " + rel[2]);
    }

    @Test
    void parsevalHoldsForWhiteNoise() {
        // a one-sided density integrates to the variance: sum(psd) * df ~ 1 for unit white noise
        Random rng = new Random(3);
        double[] x = new double[16000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        Welch welch = new Welch(FS, 256);
        double[] psd = welch.psd(x);
        double total = 0;
        for (double p : psd) {
            total += p;
        }
        assertEquals(1.0, total * welch.binWidth(), 0.05);
    }

    @Test
    void identicalChannelsLockPerfectlyAndAFixedLagLocksToo() {
        Random rng = new Random(11);
        double[] noise = new double[N];
        for (int t = 0; t < N; t++) {
            noise[t] = rng.nextGaussian();
        }
        double[] lagged = sine(10, 1.2, N, FS);
        double[] ref = sine(10, 0.0, N, FS);
        NeurodynamicsTargets t = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT, FS, N)
                .compute(new double[][] {noise, noise.clone(), ref, lagged}, List.of("a", "a2", "ref", "lag"));
        assertEquals(1.0, t.plv(0, 1), 1e-12, "identical channels");
        // the phases differ by 1.2 rad throughout, except near the ends, where the filter's odd
        // padding does not continue a sine that starts off an inflection point
        assertTrue(t.plv(2, 3) > 0.98, "constant lag PLV " + t.plv(2, 3));
        assertTrue(t.plv(0, 2) < 0.5, "noise against a sine " + t.plv(0, 2));
    }

    @Test
    void independentNoiseChannelsBarelyLock() {
        // 60 s of alpha-band noise has ~ 5 Hz x 60 s = 300 independent phases: PLV ~ 0.05
        int n = 9600;
        Random rng = new Random(5);
        double[][] x = new double[3][n];
        for (double[] row : x) {
            for (int t = 0; t < n; t++) {
                row[t] = rng.nextGaussian();
            }
        }
        NeurodynamicsTargets t = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT, FS, n)
                .compute(x, List.of("x", "y", "z"));
        for (double v : t.plvPairs()) {
            assertTrue(v < 0.2, "independent PLV " + v);
        }
    }

    @Test
    void gammaAmplitudeRidingOnThetaPhaseGivesTheModulationDepthOverTwo() {
        // A(t) = 1 + 0.8 cos(theta): mean(A exp(i phi)) has magnitude 0.8 / 2 and mean(A) = 1, so
        // the normalised MVL is 0.4; an unmodulated carrier gives 0.
        double fs = 256;
        int n = 2048;
        double[] coupled = new double[n];
        double[] uncoupled = new double[n];
        for (int t = 0; t < n; t++) {
            double theta = 2 * Math.PI * 6 * t / fs;
            double carrier = Math.sin(2 * Math.PI * 50 * t / fs);
            coupled[t] = Math.sin(theta) + (1 + 0.8 * Math.cos(theta)) * 0.3 * carrier;
            uncoupled[t] = Math.sin(theta) + 0.3 * carrier;
        }
        NeurodynamicsTargets t = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT, fs, n)
                .compute(new double[][] {coupled, uncoupled}, List.of("coupled", "uncoupled"));
        assertEquals(List.of("theta-gamma", "alpha-gamma"), t.pacNames());
        assertEquals(0.4, t.pac()[0][0], 0.03, "theta-gamma PAC of the coupled channel");
        assertTrue(t.pac()[1][0] < 0.03, "uncoupled theta-gamma PAC " + t.pac()[1][0]);
    }
}

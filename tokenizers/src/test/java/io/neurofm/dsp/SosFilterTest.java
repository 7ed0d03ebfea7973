package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** sosfilt / sosfiltfilt / iirnotch+filtfilt against scipy on real EEG, plus zero-phase properties. */
class SosFilterTest {
    private static final double FILTER_TOL = 1e-10;

    @Test
    void butterworthFiltersMatchScipyOnRealEeg() {
        double[][] x = DspGolden.inputData("eegmmidb");
        for (JsonNode c : DspGolden.ROOT.get("filters")) {
            Sos sos = Butterworth.design(c.get("order").asInt(), FilterType.parse(c.get("btype").asString()),
                    c.get("fs").asDouble(), DspGolden.vector(c.get("cutoff")));
            boolean zeroPhase = c.get("kind").asString().equals("sosfiltfilt");
            double[][] y = new double[x.length][];
            for (int ch = 0; ch < x.length; ch++) {
                y[ch] = zeroPhase ? SosFilter.filtfilt(sos, x[ch]) : SosFilter.filter(sos, x[ch]);
            }
            double err = DspGolden.compare(c.get("out"), y, FILTER_TOL);
            System.out.printf("%s %s order %d %s: max error %.3g of channel peak%n", c.get("kind").asString(),
                    c.get("btype").asString(), c.get("order").asInt(), c.get("cutoff"), err);
        }
    }

    @Test
    void notchMatchesScipyIirnotchAndFiltfilt() {
        for (JsonNode c : DspGolden.ROOT.get("notch")) {
            double fs = c.get("fs").asDouble();
            double q = c.get("q").asDouble();
            for (JsonNode coeff : c.get("coefficients")) {
                Sos sos = Notch.design(coeff.get("freq").asDouble(), q, fs);
                double[] b = DspGolden.vector(coeff.get("b"));
                double[] a = DspGolden.vector(coeff.get("a"));
                for (int k = 0; k < 3; k++) {
                    assertEquals(b[k], sos.coefficient(0, k), 1e-14, "b" + k);
                    assertEquals(a[k], sos.coefficient(0, 3 + k), 1e-14, "a" + k);
                }
            }
            double[][] x = DspGolden.inputData(c.get("input").asString());
            double[][] y = new double[x.length][];
            boolean harmonics = c.get("harmonics").asBoolean();
            for (int ch = 0; ch < x.length; ch++) {
                y[ch] = Notch.apply(x[ch], c.get("freq").asDouble(), q, fs, harmonics);
            }
            assertEquals(c.get("coefficients").size(), Notch.frequencies(c.get("freq").asDouble(), fs, harmonics).size(),
                    "number of harmonics");
            double err = DspGolden.compare(c.get("out"), y, FILTER_TOL);
            System.out.printf("notch %s Hz at %s Hz (harmonics %s): max error %.3g of channel peak%n", c.get("freq"),
                    fs, harmonics, err);
        }
    }

    @Test
    void zeroPhaseKeepsAmplitudeAndPhaseOfAPassbandSinusoid() {
        double fs = 160;
        Sos sos = Butterworth.design(4, FilterType.BANDPASS, fs, 1, 40);
        int n = 4800;
        double[] x = new double[n];
        double f = 10;
        double phase = 0.7;
        for (int t = 0; t < n; t++) {
            x[t] = Math.sin(2 * Math.PI * f * t / fs + phase);
        }
        double[] y = SosFilter.filtfilt(sos, x);
        // |H(f)|^2 of the forward-backward order-4 band-pass at 10 Hz is 1 - O((10/40)^8) (about 3e-5),
        // and a zero-phase filter shifts nothing: once the edge transients (set by the 1 Hz corner)
        // have died out, y equals x sample by sample
        for (int t = n / 4; t < 3 * n / 4; t++) {
            assertEquals(x[t], y[t], 1e-4, "sample " + t);
        }
        double[] stop = new double[n];
        for (int t = 0; t < n; t++) {
            stop[t] = Math.sin(2 * Math.PI * 70 * t / fs);
        }
        double[] ys = SosFilter.filtfilt(sos, stop);
        for (int t = n / 4; t < 3 * n / 4; t++) {
            assertTrue(Math.abs(ys[t]) < 1e-3, "70 Hz is attenuated at sample " + t + ": " + ys[t]);
        }
    }

    @Test
    void forwardFilterWithStepStateHasNoTransientOnAConstant() {
        Sos sos = Butterworth.design(4, FilterType.LOWPASS, 160, 30);
        double[] zi = SosFilter.stepInitialConditions(sos);
        double level = 3.5;
        for (int k = 0; k < zi.length; k++) {
            zi[k] *= level;
        }
        double[] x = new double[100];
        java.util.Arrays.fill(x, level);
        SosFilter.filterInPlace(sos, x, 0, x.length, zi);
        for (double v : x) {
            assertEquals(level, v, 1e-12);
        }
    }

    @Test
    void refusesSignalsShorterThanThePaddingAndNonFiniteSamples() {
        Sos sos = Butterworth.design(4, FilterType.BANDPASS, 160, 1, 40);
        int pad = sos.defaultPadLength();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SosFilter.filtfilt(sos, new double[pad]));
        assertTrue(e.getMessage().contains(pad + " samples"), e.getMessage());
        SosFilter.filtfilt(sos, new double[pad + 1]);
        double[] x = new double[200];
        x[17] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> SosFilter.filtfilt(sos, x));
        assertTrue(e.getMessage().contains("sample 17"), e.getMessage());
    }
}

package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.Recording;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** resample_poly equivalence on real EEG at 160, 256 and 1000 Hz, and the rate-ratio helper. */
class ResamplingTest {
    private static final double RESAMPLE_TOL = 1e-10;

    @Test
    void kaiserFirMatchesScipyFirwin() {
        double worst = 0;
        for (JsonNode c : DspGolden.ROOT.get("kaiser_fir")) {
            int up = c.get("up").asInt();
            int down = c.get("down").asInt();
            double[] expected = DspGolden.vector(c.get("h"));
            int maxRate = Math.max(up, down);
            double[] actual = KaiserFir.lowpass(20 * maxRate + 1, 1.0 / maxRate, 5.0);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                assertEquals(expected[i], actual[i], 1e-15, "tap " + i + " for " + up + "/" + down);
            }
            double[] taps = PolyphaseResampler.of(up, down).filterTaps();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i] * new ResampleRatio(up, down).up(), taps[i], 1e-14);
            }
        }
        System.out.printf("firwin kaiser(5.0): max abs tap error %.3g%n", worst);
    }

    @Test
    void resamplePolyMatchesScipyOnRealRecordings() {
        for (String input : new String[] {"eegmmidb", "brux2", "vhdr"}) {
            double[][] x = DspGolden.inputData(input);
            for (JsonNode c : DspGolden.ROOT.get("resample").get(input)) {
                ResampleRatio ratio = ResampleRatio.of(c.get("from").asDouble(), c.get("to").asDouble());
                assertEquals(c.get("up").asInt(), ratio.up(), "up");
                assertEquals(c.get("down").asInt(), ratio.down(), "down");
                PolyphaseResampler resampler = new PolyphaseResampler(ratio);
                double[][] y = new double[x.length][];
                for (int ch = 0; ch < x.length; ch++) {
                    y[ch] = resampler.resample(x[ch]);
                }
                double err = DspGolden.compare(c.get("out"), y, RESAMPLE_TOL);
                System.out.printf("resample_poly %s %s -> %s Hz (%d/%d): max error %.3g of channel peak%n", input,
                        c.get("from"), c.get("to"), ratio.up(), ratio.down(), err);
            }
        }
    }

    @Test
    void recordingResampleMatchesScipyWithinFloatPrecision() throws Exception {
        Recording r = DspGolden.recording("eegmmidb");
        for (JsonNode c : DspGolden.ROOT.get("resample").get("eegmmidb")) {
            Recording out = Resampling.resample(r, c.get("to").asDouble());
            assertEquals(c.get("to").asDouble(), out.samplingRate());
            assertEquals(c.get("to").asDouble(), out.channel(0).samplingRate());
            Golden.assertMatches(c.get("out"), out.samples(), 1e-6);
            assertEquals("resample", out.provenance().get(out.provenance().size() - 1).operation());
            assertEquals(r.provenance().size() + 1, out.provenance().size());
        }
    }

    @Test
    void constantStaysConstantAwayFromTheEdges() {
        for (int[] ratio : new int[][] {{5, 4}, {4, 5}, {25, 16}, {1, 5}, {125, 128}, {3, 1}}) {
            PolyphaseResampler resampler = PolyphaseResampler.of(ratio[0], ratio[1]);
            double[] x = new double[2000];
            java.util.Arrays.fill(x, 2.5);
            double[] y = resampler.resample(x);
            // the filter reaches 10 * max(up, down) upsampled samples, i.e. 10 * max / up input samples
            int margin = (int) Math.ceil(10.0 * Math.max(ratio[0], ratio[1]) / ratio[1]) + 2;
            for (int i = margin; i < y.length - margin; i++) {
                // Kaiser(5) windowed-sinc passband ripple at DC is below 1e-3 of unity gain
                assertEquals(2.5, y[i], 2.5e-3, ratio[0] + "/" + ratio[1] + " output " + i);
            }
        }
    }

    @Test
    void ratioOfRates() {
        assertEquals(new ResampleRatio(5, 4), ResampleRatio.of(160, 200));
        assertEquals(new ResampleRatio(125, 128), ResampleRatio.of(256, 250));
        assertEquals(new ResampleRatio(1, 5), ResampleRatio.of(1000, 200));
        assertEquals(new ResampleRatio(25, 16), ResampleRatio.of(160, 250));
        assertEquals(new ResampleRatio(2, 1), ResampleRatio.of(0.5, 1.0));
        assertEquals(new ResampleRatio(400, 1001), ResampleRatio.of(500.5, 200));
        assertTrue(ResampleRatio.of(200, 200).isIdentity());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResampleRatio.of(1 / 1.89, 1.0));
        assertTrue(e.getMessage().contains("give up and down explicitly"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResampleRatio.of(44100.5, 48000));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertEquals(2000, new ResampleRatio(5, 4).outputLength(1600));
        assertEquals(3, new ResampleRatio(1, 3).outputLength(7));
    }

    @Test
    void identityRatioCopies() {
        double[] x = {1, 2, 3};
        assertArrayEquals(x, PolyphaseResampler.of(7, 7).resample(x));
    }
}

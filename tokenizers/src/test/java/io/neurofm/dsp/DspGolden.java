package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurofm.signal.Golden;
import io.neurofm.signal.GoldenInputs;
import io.neurofm.signal.Recording;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Access to golden/dsp.json (tools/golden/make_dsp_golden.py: scipy 1.10 / numpy / MNE 1.3 on
 * segments of real recordings) and a double-precision comparison with its data summaries.
 */
final class DspGolden {
    static final JsonNode ROOT = Golden.load("dsp");

    private DspGolden() {
    }

    static JsonNode input(String name) {
        return ROOT.get("inputs").get(name);
    }

    static double[][] matrix(JsonNode rows) {
        return GoldenInputs.matrix(rows);
    }

    static double[] vector(JsonNode values) {
        return GoldenInputs.vector(values);
    }

    static double[][] inputData(String name) {
        return matrix(input(name).get("data"));
    }

    static double rate(String name) {
        return input(name).get("sfreq").asDouble();
    }

    static List<String> names(String name) {
        return GoldenInputs.names(input(name));
    }

    static Recording recording(String name) {
        return GoldenInputs.recording(input(name), "golden/dsp.json", name);
    }

    /**
     * Compares double output with a summary (head, tail, spots, sums); every value within
     * {@code relTol} times the channel's peak magnitude. Returns the largest error seen, relative
     * to that peak, so tests can report it.
     */
    static double compare(JsonNode summary, double[][] actual, double relTol) {
        JsonNode shape = summary.get("shape");
        assertEquals(shape.get(0).asInt(), actual.length, "channel count");
        assertEquals(shape.get(1).asInt(), actual[0].length, "sample count");
        int n = actual[0].length;
        double worst = 0;
        double[] scales = new double[actual.length];
        for (int c = 0; c < actual.length; c++) {
            double[] head = vector(summary.get("head").get(c));
            double[] tail = vector(summary.get("tail").get(c));
            // the channel's peak magnitude: ours over the whole channel, the reference's in head and tail
            double peak = Double.MIN_NORMAL;
            for (double v : actual[c]) {
                peak = Math.max(peak, Math.abs(v));
            }
            for (double v : head) {
                peak = Math.max(peak, Math.abs(v));
            }
            for (double v : tail) {
                peak = Math.max(peak, Math.abs(v));
            }
            double scale = peak;
            scales[c] = scale;
            for (int t = 0; t < head.length; t++) {
                worst = Math.max(worst, check(head[t], actual[c][t], scale, relTol, "head", c, t));
            }
            for (int t = 0; t < tail.length; t++) {
                int at = n - tail.length + t;
                worst = Math.max(worst, check(tail[t], actual[c][at], scale, relTol, "tail", c, at));
            }
            double sum = 0;
            double sumsq = 0;
            for (double v : actual[c]) {
                sum += v;
                sumsq += v * v;
            }
            double expectedSumsq = summary.get("channel_sumsq").get(c).asDouble();
            assertEquals(expectedSumsq, sumsq, relTol * expectedSumsq, "sum of squares of channel " + c);
            assertEquals(summary.get("channel_sum").get(c).asDouble(), sum, relTol * n * scale, "sum of channel " + c);
        }
        JsonNode spotChannel = summary.get("spot_channel");
        for (int i = 0; i < spotChannel.size(); i++) {
            int c = spotChannel.get(i).asInt();
            int t = summary.get("spot_sample").get(i).asInt();
            worst = Math.max(worst, check(summary.get("spot_value").get(i).asDouble(), actual[c][t], scales[c], relTol,
                    "spot", c, t));
        }
        return worst;
    }

    private static double check(double expected, double actual, double scale, double relTol, String where, int c,
                                int t) {
        double err = Math.abs(expected - actual) / scale;
        if (!(err <= relTol)) {
            throw new AssertionError(where + " channel " + c + " sample " + t + ": expected " + expected + " got "
                    + actual + " (error " + err + " of the channel scale, tolerance " + relTol + ")");
        }
        return err;
    }

    static double[][] toDouble(float[][] x) {
        double[][] out = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            out[c] = new double[x[c].length];
            for (int t = 0; t < x[c].length; t++) {
                out[c][t] = x[c][t];
            }
        }
        return out;
    }
}

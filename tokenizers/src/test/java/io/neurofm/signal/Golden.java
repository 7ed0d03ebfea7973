package io.neurofm.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Golden values written by tools/golden/*.py from Debian's python3-mne / nibabel, and the
 * comparison of our decoded samples with them (relative tolerance on the head, spot values and
 * per-channel sums; see tools/golden/golden_common.py for the layout).
 */
public final class Golden {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    /** Loads tokenizers/src/test/resources/golden/NAME.json. */
    public static JsonNode load(String name) {
        String resource = "/golden/" + name + ".json";
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "golden file missing: " + resource + " (run tools/golden/*.py)");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }

    /**
     * Compares samples [channel][sample] with a golden data summary node: each value within
     * {@code relTol} of the reference, relative to that channel's peak magnitude in the head
     * (so zero crossings do not blow up a pure relative error).
     */
    public static void assertMatches(JsonNode summary, float[][] samples, double relTol) {
        JsonNode shape = summary.get("shape");
        assertEquals(shape.get(0).asInt(), samples.length, "channel count");
        int n = samples.length == 0 ? 0 : samples[0].length;
        assertEquals(shape.get(1).asLong(), n, "sample count");
        JsonNode head = summary.get("head");
        double[] scale = new double[samples.length];
        for (int c = 0; c < samples.length; c++) {
            JsonNode row = head.get(c);
            double peak = 0;
            for (int t = 0; t < row.size(); t++) {
                peak = Math.max(peak, Math.abs(row.get(t).asDouble()));
            }
            double rms = Math.sqrt(summary.get("channel_sumsq").get(c).asDouble() / Math.max(1, n));
            scale[c] = Math.max(Math.max(peak, rms), Double.MIN_NORMAL);
            double[] expected = new double[row.size()];
            double[] actual = new double[row.size()];
            for (int t = 0; t < row.size(); t++) {
                expected[t] = row.get(t).asDouble();
                actual[t] = samples[c][t];
            }
            assertArrayEquals(expected, actual, relTol * scale[c], "head of channel " + c);
        }
        JsonNode spotChannel = summary.get("spot_channel");
        for (int i = 0; i < spotChannel.size(); i++) {
            int c = spotChannel.get(i).asInt();
            int t = summary.get("spot_sample").get(i).asInt();
            double expected = summary.get("spot_value").get(i).asDouble();
            assertEquals(expected, samples[c][t], relTol * scale[c], "channel " + c + " sample " + t);
        }
        for (int c = 0; c < samples.length; c++) {
            double sum = 0;
            double sumsq = 0;
            for (float v : samples[c]) {
                sum += v;
                sumsq += (double) v * v;
            }
            double expectedSumsq = summary.get("channel_sumsq").get(c).asDouble();
            assertEquals(expectedSumsq, sumsq, relTol * Math.max(expectedSumsq, Double.MIN_NORMAL),
                    "sum of squares of channel " + c);
            assertEquals(summary.get("channel_sum").get(c).asDouble(), sum,
                    relTol * n * scale[c], "sum of channel " + c);
        }
    }
}

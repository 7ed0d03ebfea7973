package io.neurofm.tokenize.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * golden/nds.json (tools/golden/make_nds_golden.py: numpy / scipy 1.10 on 4 s windows of real
 * recordings, the inputs stored float32-exact so Java feeds the same numbers).
 */
final class NdsGolden {
    static final JsonNode ROOT = Golden.load("nds");
    static final List<String> CASES = List.of("eegmmidb", "brux2");

    private NdsGolden() {
    }

    static JsonNode node(String name) {
        return ROOT.get("cases").get(name);
    }

    static double[] vector(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = vector(rows.get(i));
        }
        return out;
    }

    static double[][] data(String name) {
        return matrix(node(name).get("data"));
    }

    static double rate(String name) {
        return node(name).get("sfreq").asDouble();
    }

    static List<String> names(String name) {
        List<String> out = new ArrayList<>();
        node(name).get("channels").forEach(n -> out.add(n.asString()));
        return out;
    }

    /** The golden input as an all-EEG recording (values are float32-exact by construction). */
    static Recording recording(String name) {
        double[][] data = data(name);
        float[][] samples = new float[data.length][data[0].length];
        for (int c = 0; c < data.length; c++) {
            for (int t = 0; t < data[c].length; t++) {
                samples[c][t] = (float) data[c][t];
                assertEquals(data[c][t], samples[c][t], 0.0, "golden input must be float32-exact");
            }
        }
        List<Channel> channels = new ArrayList<>();
        for (String n : names(name)) {
            channels.add(Channel.of(n, ChannelType.EEG, rate(name)));
        }
        return new Recording(channels, samples, rate(name), List.of(), RecordingIds.NONE, null, 0.0,
                List.of(Transform.of("read", "file", "golden/nds.json", "format", "json", "input", name)));
    }

    /** |a - e| / |e| (or |a| when e is 0). */
    static double relativeError(double expected, double actual) {
        double diff = Math.abs(actual - expected);
        return expected == 0 ? diff : diff / Math.abs(expected);
    }
}

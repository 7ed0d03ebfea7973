package io.neurofm.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Golden files that carry their own input segment ({@code data}, {@code sfreq}, {@code channels}):
 * the reference script rounded it to float32 so Java feeds the exact same numbers.
 */
public final class GoldenInputs {
    private GoldenInputs() {
    }

    public static double[] vector(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    public static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = vector(rows.get(i));
        }
        return out;
    }

    public static List<String> names(JsonNode input) {
        List<String> out = new ArrayList<>();
        input.get("channels").forEach(n -> out.add(n.asString()));
        return out;
    }

    /** The input as an all-EEG recording; fails if a value is not float32-exact. */
    public static Recording recording(JsonNode input, String source, String name) {
        double[][] data = matrix(input.get("data"));
        double rate = input.get("sfreq").asDouble();
        float[][] samples = new float[data.length][data[0].length];
        for (int c = 0; c < data.length; c++) {
            for (int t = 0; t < data[c].length; t++) {
                samples[c][t] = (float) data[c][t];
                assertEquals(data[c][t], samples[c][t], 0.0, "golden input must be float32-exact");
            }
        }
        List<Channel> channels = new ArrayList<>();
        for (String n : names(input)) {
            channels.add(Channel.of(n, ChannelType.EEG, rate));
        }
        return new Recording(channels, samples, rate, List.of(), RecordingIds.NONE, null, 0.0,
                List.of(Transform.of("read", "file", source, "format", "json", "input", name)));
    }
}

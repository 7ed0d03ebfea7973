package io.neurofm.dsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-channel centre and scale fitted by {@link Scaler#fit}: saved with a model (JSON) and
 * re-applied to new recordings so they are scaled exactly as the training data was.
 *
 * @param channels names of the scaled channels, parallel to {@code center} and {@code scale}
 */
public record ScalingStats(ScalingMethod method, List<String> channels, double[] center, double[] scale) {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ScalingStats {
        Objects.requireNonNull(method, "method");
        channels = List.copyOf(channels);
        center = center.clone();
        scale = scale.clone();
        if (center.length != channels.size() || scale.length != channels.size()) {
            throw new IllegalArgumentException(channels.size() + " channels but " + center.length + " centres and "
                    + scale.length + " scales");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!Double.isFinite(center[i]) || !(scale[i] > 0) || !Double.isFinite(scale[i])) {
                throw new IllegalArgumentException("channel " + channels.get(i) + ": centre " + center[i] + " and scale "
                        + scale[i] + " must be finite with a positive scale");
            }
        }
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    public int indexOf(String channel) {
        return channels.indexOf(channel);
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    public static ScalingStats fromJson(String json) throws IOException {
        try {
            return JSON.readValue(json, ScalingStats.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException("not valid scaling statistics: " + e.getMessage(), e);
        }
    }

    public void save(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    public static ScalingStats load(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScalingStats s && method == s.method && channels.equals(s.channels)
                && Arrays.equals(center, s.center) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, channels, Arrays.hashCode(center), Arrays.hashCode(scale));
    }

    @Override
    public String toString() {
        return "ScalingStats[" + method + ", " + channels + ", center=" + Arrays.toString(center) + ", scale="
                + Arrays.toString(scale) + "]";
    }
}

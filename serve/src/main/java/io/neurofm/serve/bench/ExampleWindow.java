package io.neurofm.serve.bench;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A short window of a real recording as a {@code POST /v1/embeddings} body: what the quickstart's
 * printed curl sends and what the serving benchmark sends again and again.
 *
 * @param file         the recording it was cut from
 * @param channels     channel names, in the file's spelling
 * @param samplingRate the file's native rate (the server resamples to the model's)
 * @param startSample  first sample at that rate
 * @param data         [channel][sample] in volts
 */
public record ExampleWindow(Path file, List<String> channels, double samplingRate, long startSample, float[][] data) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code channelCount} consecutive channels from {@code firstChannel}, {@code seconds} long from {@code startSeconds}. */
    public static ExampleWindow read(Path file, int firstChannel, int channelCount, double startSeconds, double seconds)
            throws IOException {
        try (SignalFile f = Readers.open(file, OpenOptions.DEFAULT)) {
            if (firstChannel < 0 || firstChannel + channelCount > f.header().channelCount()) {
                throw new IllegalArgumentException(file + " has " + f.header().channelCount() + " channels; asked for "
                        + channelCount + " from index " + firstChannel);
            }
            List<String> names = f.header().channels().subList(firstChannel, firstChannel + channelCount).stream()
                    .map(c -> c.name()).toList();
            double rate = f.header().channels().get(firstChannel).samplingRate();
            long start = Math.round(startSeconds * rate);
            Recording r = f.read(new ReadRequest(start, Math.round(seconds * rate), names));
            return new ExampleWindow(file, r.channelNames(), r.samplingRate(), start, r.samples());
        }
    }

    /** The request body: one window, the given model and pooling (null = the model's default). */
    public String requestBody(String model, String pooling) {
        return requestBody(model, pooling, 1);
    }

    /** The request body with {@code copies} copies of the window (one embedding each). */
    public String requestBody(String model, String pooling, int copies) {
        return requestBody(model, pooling, copies, false);
    }

    /**
     * As above; with {@code base64}, each window's samples as base64 little-endian float32 plus its shape,
     * and the embeddings asked for as base64 too.
     */
    public String requestBody(String model, String pooling, int copies, boolean base64) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode input = body.putArray("input");
        for (int i = 0; i < copies; i++) {
            ObjectNode window = input.addObject();
            if (base64) {
                writeBase64(window);
            } else {
                writeWindow(window);
            }
        }
        if (pooling != null) {
            body.put("pooling", pooling);
        }
        if (base64) {
            // both ways, as OpenAI's own client asks by default: float text costs more to write and read
            body.put("encoding_format", "base64");
        }
        return JSON.writeValueAsString(body);
    }

    private void writeBase64(ObjectNode window) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * data.length * data[0].length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float[] row : data) {
            for (float v : row) {
                bytes.putFloat(v);
            }
        }
        window.put("data", java.util.Base64.getEncoder().encodeToString(bytes.array()));
        window.putArray("shape").add(data.length).add(data[0].length);
        ArrayNode names = window.putArray("channels");
        channels.forEach(names::add);
        window.put("sfreq", samplingRate);
    }

    private void writeWindow(ObjectNode window) {
        ArrayNode rows = window.putArray("data");
        for (float[] row : data) {
            ArrayNode values = rows.addArray();
            for (float v : row) {
                values.add(v);
            }
        }
        ArrayNode names = window.putArray("channels");
        channels.forEach(names::add);
        window.put("sfreq", samplingRate);
    }
}

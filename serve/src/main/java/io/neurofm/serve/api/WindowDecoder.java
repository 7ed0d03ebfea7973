package io.neurofm.serve.api;

import io.neurofm.inference.InvalidInputException;
import io.neurofm.inference.SignalWindow;
import io.neurofm.signal.Position;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Turns a JSON window (nested numbers or base64 float32) into a {@link SignalWindow}, naming bad fields. */
final class WindowDecoder {
    private WindowDecoder() {}

    /** @param prefix the window's JSON path with a trailing dot, e.g. {@code input[3].} */
    static SignalWindow decode(Dto.WindowInput w, String prefix) {
        String self = prefix.substring(0, prefix.length() - 1);
        if (w == null) {
            throw ClientProblem.unprocessable(self, "a window object {data, channels, sfreq} is required");
        }
        if (w.channels() == null || w.channels().isEmpty()) {
            throw ClientProblem.unprocessable(prefix + "channels", "one channel name per data row is required");
        }
        for (int c = 0; c < w.channels().size(); c++) {
            String name = w.channels().get(c);
            if (name == null || name.isBlank()) {
                throw ClientProblem.unprocessable(prefix + "channels[" + c + "]", "a channel name must not be blank");
            }
        }
        if (w.sfreq() == null) {
            throw ClientProblem.unprocessable(prefix + "sfreq", "the sampling rate in Hz is required");
        }
        float[][] data = data(w, prefix);
        List<Position> positions = positions(w.positions(), prefix);
        try {
            return new SignalWindow(data, w.channels(), w.sfreq(), positions);
        } catch (InvalidInputException e) {
            throw e.within(prefix);
        }
    }

    private static float[][] data(Dto.WindowInput w, String prefix) {
        WindowSamples data = w.data();
        if (data == null) {
            throw ClientProblem.unprocessable(prefix + "data", "samples are required: [channels][samples] numbers "
                    + "or base64 little-endian float32 with shape");
        }
        if (data instanceof WindowSamples.Base64Text text) {
            return base64(text.text(), w.shape(), prefix);
        }
        if (data instanceof WindowSamples.Invalid invalid) {
            throw ClientProblem.unprocessable(prefix + invalid.relativeField(), invalid.problem());
        }
        float[][] out = ((WindowSamples.Numbers) data).rows();
        int rows = out.length;
        if (rows == 0) {
            throw ClientProblem.unprocessable(prefix + "data", "a window needs at least one channel");
        }
        if (w.shape() != null && (w.shape().size() != 2 || w.shape().get(0) == null || w.shape().get(1) == null
                || w.shape().get(0) != rows || w.shape().get(1) != out[0].length)) {
            throw ClientProblem.unprocessable(prefix + "shape", "shape " + w.shape() + " does not match the data ["
                    + rows + ", " + out[0].length + "]");
        }
        return out;
    }

    private static float[][] base64(String text, List<Integer> shape, String prefix) {
        if (shape == null || shape.size() != 2 || shape.get(0) == null || shape.get(1) == null
                || shape.get(0) < 1 || shape.get(1) < 1) {
            throw ClientProblem.unprocessable(prefix + "shape", "base64 data needs shape [channels, samples] of "
                    + "positive integers, got " + shape);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ClientProblem.unprocessable(prefix + "data", "not valid base64: " + e.getMessage());
        }
        long expected = 4L * shape.get(0) * shape.get(1);
        if (bytes.length != expected) {
            throw ClientProblem.unprocessable(prefix + "shape", "shape " + shape + " needs " + expected
                    + " bytes of float32, the data has " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[shape.get(0)][shape.get(1)];
        for (float[] row : out) {
            buffer.asFloatBuffer().get(row);
            buffer.position(buffer.position() + 4 * row.length);
        }
        return out;
    }

    private static List<Position> positions(List<List<Double>> given, String prefix) {
        if (given == null) {
            return null;
        }
        List<Position> out = new ArrayList<>(given.size());
        for (int c = 0; c < given.size(); c++) {
            List<Double> p = given.get(c);
            if (p == null) {
                out.add(null);
                continue;
            }
            if (p.size() != 3 || p.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
                throw ClientProblem.unprocessable(prefix + "positions[" + c + "]",
                        "expected [x, y, z] in metres (finite numbers) or null, got " + p);
            }
            out.add(new Position(p.get(0), p.get(1), p.get(2)));
        }
        return out;
    }
}

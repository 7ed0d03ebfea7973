package io.neurofm.inference;

import io.neurofm.signal.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One window of raw signal as a client sends it: samples in SI units (volts for EEG), one row per
 * channel, at the window's own rate. The model's preprocessing turns it into a {@link PreparedWindow}.
 *
 * @param data         [channels][samples]
 * @param channels     one name per row
 * @param samplingRate Hz
 * @param positions    null when no positions are given, else one entry per row (an entry may be null:
 *                     position unknown); positions are in metres, head frame
 */
public record SignalWindow(float[][] data, List<String> channels, double samplingRate, List<Position> positions) {
    public SignalWindow {
        if (data == null || data.length == 0) {
            throw new InvalidInputException("data", "a window needs at least one channel of samples");
        }
        if (channels == null || channels.size() != data.length) {
            throw new InvalidInputException("channels", "expected one name per data row (" + data.length
                    + " rows), got " + (channels == null ? "none" : channels.size()));
        }
        channels = List.copyOf(channels);
        int length = data[0] == null ? 0 : data[0].length;
        if (length == 0) {
            throw new InvalidInputException("data", "a window needs at least one sample per channel");
        }
        for (int c = 0; c < data.length; c++) {
            if (data[c] == null || data[c].length != length) {
                throw new InvalidInputException("data[" + c + "]", "every channel needs " + length
                        + " samples, got " + (data[c] == null ? 0 : data[c].length));
            }
            for (int t = 0; t < length; t++) {
                if (!Float.isFinite(data[c][t])) {
                    throw new InvalidInputException("data[" + c + "][" + t + "]", "samples must be finite numbers");
                }
            }
        }
        if (!(samplingRate > 0) || !Double.isFinite(samplingRate)) {
            throw new InvalidInputException("sfreq", "the sampling rate must be a positive number of Hz, got "
                    + samplingRate);
        }
        if (positions != null) {
            if (positions.size() != data.length) {
                throw new InvalidInputException("positions", "expected one position (or null) per channel ("
                        + data.length + "), got " + positions.size());
            }
            positions = Collections.unmodifiableList(new ArrayList<>(positions));
        }
    }

    public int sampleCount() {
        return data[0].length;
    }
}

package io.neurofm.tokenize;

import io.neurofm.signal.Channel;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.List;

/** The checks every tokenizer makes on a window before encoding, with messages that say what to do. */
final class WindowChecks {
    private WindowChecks() {
    }

    static void requireRate(Recording window, double expected, String type) throws SignalException {
        if (Math.abs(window.samplingRate() - expected) > 1e-9 * expected) {
            throw new SignalException(null, "the " + type + " tokenizer was fitted at " + expected
                    + " Hz but the window is at " + window.samplingRate() + " Hz; resample it first");
        }
    }

    static void requireSamples(Recording window, int minimum, String type) throws SignalException {
        if (window.channelCount() == 0) {
            throw new SignalException(null, "the " + type + " tokenizer got a window without channels");
        }
        if (window.sampleCount() < minimum) {
            throw new SignalException(null, "the " + type + " tokenizer needs at least " + minimum
                    + " samples, the window has " + window.sampleCount());
        }
    }

    static void requireFinite(Recording window, String type) throws SignalException {
        for (int c = 0; c < window.channelCount(); c++) {
            for (int t = 0; t < window.sampleCount(); t++) {
                float v = window.sample(c, t);
                if (!Float.isFinite(v)) {
                    throw new SignalException(null, "the " + type + " tokenizer refuses non-finite samples: channel "
                            + window.channel(c).name() + " has " + v + " at sample " + t
                            + "; mark the channel bad or repair it first");
                }
            }
        }
    }

    static List<Position> positions(Recording window) {
        List<Position> out = new ArrayList<>();
        for (Channel c : window.channels()) {
            out.add(c.position());
        }
        return out;
    }

    static void requireRecordings(List<Recording> training, String type) throws SignalException {
        if (training.isEmpty()) {
            throw new SignalException(null, "the " + type + " tokenizer needs at least one training recording");
        }
        double rate = training.get(0).samplingRate();
        for (Recording r : training) {
            requireRate(r, rate, type);
            requireSamples(r, 1, type);
            requireFinite(r, type);
        }
    }
}

package io.neurofm.corpus;

import io.neurofm.dsp.Filters;
import io.neurofm.dsp.Scaler;
import io.neurofm.dsp.ScalingMethod;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spec's preprocessing on one whole recording, before windowing (filters need the context a
 * window lacks): zero-phase band-pass, notch, then per-recording scaling fitted on that recording.
 */
final class Preprocessing {
    private Preprocessing() {
    }

    static Recording apply(Recording r, CorpusSpec.Preprocess p) throws SignalException {
        Recording out = r;
        if (p.bandpass() != null) {
            out = Filters.bandpass(out, p.bandpass().low(), p.bandpass().high(), p.bandpass().order());
        }
        if (p.notch() != null) {
            out = Filters.notch(out, p.notch().freq(), p.notch().q(), p.notch().harmonics());
        }
        if (!p.scaling().equals("none")) {
            ScalingMethod method = ScalingMethod.valueOf(p.scaling().toUpperCase(Locale.ROOT));
            out = Scaler.apply(out, Scaler.fit(out, method));
        }
        return out;
    }

    /** The steps in the order applied, for the manifest. */
    static List<Map<String, Object>> describe(CorpusSpec.Preprocess p) {
        List<Map<String, Object>> steps = new ArrayList<>();
        if (p.bandpass() != null) {
            steps.add(step("bandpass", "design", "butterworth, zero phase (sosfiltfilt)", "low_hz", p.bandpass().low(),
                    "high_hz", p.bandpass().high(), "order", p.bandpass().order()));
        }
        if (p.notch() != null) {
            steps.add(step("notch", "design", "iirnotch, zero phase (filtfilt)", "freq_hz", p.notch().freq(), "q",
                    p.notch().q(), "harmonics", p.notch().harmonics()));
        }
        if (!p.scaling().equals("none")) {
            steps.add(step("scale", "method", p.scaling(), "fitted_on", "each whole recording itself",
                    "channels", "signal channels (STIM/MISC unchanged)"));
        }
        return steps;
    }

    private static Map<String, Object> step(String name, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", name);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

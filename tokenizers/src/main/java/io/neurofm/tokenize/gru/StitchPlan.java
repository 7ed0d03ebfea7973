package io.neurofm.tokenize.gru;

import java.util.ArrayList;
import java.util.List;

/**
 * How a long single-channel sequence is cut into encode windows whose kept parts tile it
 * exactly. The encoder is a causal GRU started from a zero state in each window, so a token
 * depends on the window's earlier samples only; each window after the first therefore re-reads
 * the last {@code context} samples of its predecessor as warm-up and keeps the tokens after
 * them. The first window keeps everything (the recording has no earlier samples to warm up on).
 * Kept parts are contiguous, so the stitched stream has no seams and no gaps.
 */
final class StitchPlan {
    private StitchPlan() {
    }

    /**
     * One encode window.
     *
     * @param start     first sample of the window in the sequence
     * @param length    samples in the window (the last may be shorter than the encode window)
     * @param keepFrom  first kept token, relative to {@code start}
     */
    record Window(int start, int length, int keepFrom) {
        int keptStart() {
            return start + keepFrom;
        }

        int keptEnd() {
            return start + length;
        }
    }

    static List<Window> of(int samples, int window, int context) {
        if (context < 0 || context >= window) {
            throw new IllegalArgumentException("context " + context + " must be in [0, " + window + ")");
        }
        List<Window> plan = new ArrayList<>();
        if (samples <= 0) {
            return plan;
        }
        plan.add(new Window(0, Math.min(window, samples), 0));
        int end = Math.min(window, samples);
        while (end < samples) {
            int start = end - context;
            int length = Math.min(window, samples - start);
            plan.add(new Window(start, length, context));
            end = start + length;
        }
        return plan;
    }
}

package io.neurofm.family.meggpt;

import java.util.Arrays;
import java.util.Random;

/** Temperature, top-k and top-p (nucleus) sampling from one row of logits, in double precision. */
public final class TokenSampler {
    private TokenSampler() {}

    /**
     * The ids that may be sampled, most likely first, and their renormalised probabilities.
     *
     * @param ids candidate ids, descending probability (ties: lower id first)
     * @param probabilities their probabilities, summing to 1
     */
    public record Candidates(int[] ids, double[] probabilities) {}

    /** The candidates left after temperature, top-k and top-p for {@code logits}. */
    public static Candidates candidates(float[] logits, SamplingOptions options) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("no logits to sample from");
        }
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i])) {
                throw new IllegalArgumentException("logit " + i + " is NaN");
            }
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable sort: equal logits keep id order, so results do not depend on the sort's internals.
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        if (options.temperature() == 0) {
            return new Candidates(new int[] {order[0]}, new double[] {1});
        }
        int keep = options.topK() == 0 ? order.length : Math.min(options.topK(), order.length);
        double top = logits[order[0]] / options.temperature();
        double[] weights = new double[keep];
        double total = 0;
        for (int i = 0; i < keep; i++) {
            weights[i] = Math.exp(logits[order[i]] / options.temperature() - top);
            total += weights[i];
        }
        if (options.topP() < 1) {
            double cumulative = 0;
            int nucleus = keep;
            for (int i = 0; i < keep; i++) {
                cumulative += weights[i] / total;
                if (cumulative >= options.topP()) {
                    nucleus = i + 1;
                    break;
                }
            }
            keep = nucleus;
            total = 0;
            for (int i = 0; i < keep; i++) {
                total += weights[i];
            }
        }
        int[] ids = new int[keep];
        double[] probabilities = new double[keep];
        for (int i = 0; i < keep; i++) {
            ids[i] = order[i];
            probabilities[i] = weights[i] / total;
        }
        return new Candidates(ids, probabilities);
    }

    /** One id drawn from {@link #candidates} with {@code random}. */
    public static int sample(float[] logits, SamplingOptions options, Random random) {
        Candidates c = candidates(logits, options);
        if (c.ids().length == 1) {
            return c.ids()[0];
        }
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < c.ids().length; i++) {
            cumulative += c.probabilities()[i];
            if (u < cumulative) {
                return c.ids()[i];
            }
        }
        // Rounding can leave the cumulative sum a hair under 1; u then falls in the last bin.
        return c.ids()[c.ids().length - 1];
    }
}

package io.neurofm.tokenize.gru;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The refactored vocabulary: the network's N codes that the training data actually uses,
 * most frequent first. Token id 0 is reserved (padding / unknown, decoded as silence); id i >= 1
 * is code {@code codes[i - 1]}.
 *
 * @param codes  network code index per token id minus one
 * @param counts how often each token id minus one was chosen on the training data
 */
record Vocabulary(int[] codes, long[] counts) {
    /** The id reserved for padding and unknown tokens. */
    static final int RESERVED = 0;

    Vocabulary {
        if (codes.length != counts.length || codes.length == 0) {
            throw new IllegalArgumentException("vocabulary needs at least one live code and a count for each, got "
                    + codes.length + " codes and " + counts.length + " counts");
        }
        codes = codes.clone();
        counts = counts.clone();
    }

    /** Keeps the codes with non-zero usage, sorted by usage (descending, ties by code index). */
    static Vocabulary fromUsage(long[] usage) {
        int[] live = IntStream.range(0, usage.length).filter(i -> usage[i] > 0).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -usage[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        if (live.length == 0) {
            throw new IllegalArgumentException("no code was used on the training data");
        }
        return new Vocabulary(live, Arrays.stream(live).mapToLong(i -> usage[i]).toArray());
    }

    int liveTokens() {
        return codes.length;
    }

    /** Ids in the token stream: the live tokens plus the reserved id 0. */
    int size() {
        return codes.length + 1;
    }

    /** Token id per network code; 0 for codes that are not live. */
    int[] idOfCode(int networkCodes) {
        int[] ids = new int[networkCodes];
        for (int i = 0; i < codes.length; i++) {
            ids[codes[i]] = i + 1;
        }
        return ids;
    }

    /** Empirical entropy of token usage on the training data, bits per sample. */
    double usageEntropyBits() {
        return entropyBits(counts);
    }

    static double entropyBits(long[] counts) {
        double total = Arrays.stream(counts).sum();
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / total;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }
}

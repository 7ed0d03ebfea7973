package io.neurofm.train;

/**
 * Derived seeds. Every random stream of a run is seeded from (run seed, position), never carried
 * along, so a checkpoint needs no generator state: libtorch's generator (dropout, random masks) is
 * reseeded with {@link #forStep} before every global step and validation pass, and the data order
 * uses {@link #mix}(seed, epoch).
 */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64's finaliser over a combination of the two values. */
    public static long mix(long seed, long value) {
        long z = seed * 0x9E3779B97F4A7C15L + value + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed libtorch gets before global step {@code step} (DJL's setRandomSeed takes an int). */
    public static int forStep(long seed, long step) {
        return (int) (mix(seed, step) >>> 33);
    }

    /** The seed before a validation pass after {@code step} steps, disjoint from the step seeds' inputs. */
    public static int forValidation(long seed, long step) {
        return (int) (mix(~seed, step) >>> 33);
    }
}

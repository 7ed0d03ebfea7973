package io.neurofm.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic sequences for tests and benchmarks: sample i is an input
 * [length, features] and a target of the same shape, standard normal values drawn from a generator
 * seeded with {@code mix(seed, i)}, so any sample can be built alone. The target is
 * {@code 0.5 * input + noise * N(0, 1)}, something a model can learn. An optional "poison" sample
 * has a NaN input, for testing divergence handling.
 */
public final class RandomRegressionData implements TrainingData {
    private final int size;
    private final int length;
    private final int features;
    private final long seed;
    private final double noise;
    private final int poisoned;

    public RandomRegressionData(int size, int length, int features, long seed, double noise) {
        this(size, length, features, seed, noise, -1);
    }

    private RandomRegressionData(int size, int length, int features, long seed, double noise, int poisoned) {
        if (size <= 0 || length <= 0 || features <= 0) {
            throw new IllegalArgumentException("size, length and features must be positive");
        }
        this.size = size;
        this.length = length;
        this.features = features;
        this.seed = seed;
        this.noise = noise;
        this.poisoned = poisoned;
    }

    /** The same data with sample {@code index}'s first input value set to NaN. */
    public RandomRegressionData withNaNAt(int index) {
        return new RandomRegressionData(size, length, features, seed, noise, index);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long tokensPerSample() {
        return length;
    }

    @Override
    public NDList batch(NDManager manager, int[] indices) {
        int per = length * features;
        float[] x = new float[indices.length * per];
        float[] y = new float[indices.length * per];
        for (int b = 0; b < indices.length; b++) {
            int index = indices[b];
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("sample " + index + " of " + size);
            }
            SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index));
            for (int i = 0; i < per; i++) {
                double v = gaussian(random);
                x[b * per + i] = (float) v;
                y[b * per + i] = (float) (0.5 * v + noise * gaussian(random));
            }
            if (index == poisoned) {
                x[b * per] = Float.NaN;
            }
        }
        Shape shape = new Shape(indices.length, length, features);
        return new NDList(manager.create(x, shape), manager.create(y, shape));
    }

    /** Box-Muller, one value per call (deterministic; speed is irrelevant here). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

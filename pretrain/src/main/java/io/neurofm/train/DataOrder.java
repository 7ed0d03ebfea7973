package io.neurofm.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which samples each global step uses: a pure function of (seed, step), so resuming needs no saved
 * sampler state, only the step.
 *
 * <p>Epoch e visits the samples in the order of a Fisher-Yates permutation drawn from a generator
 * seeded with {@code mix(seed, e)}. Each step takes the next {@code globalBatch} samples; the
 * remainder of an epoch that cannot fill a global batch is dropped (like {@code drop_last}).
 * Inside a step, samples are split in order: micro-batch j, replica r gets the slice
 * {@code [(j * replicas + r) * microBatch, ... + microBatch)}, so one device with a batch of
 * {@code replicas * microBatch} sees exactly the samples that the replicas share out.
 */
public final class DataOrder {
    private final long seed;
    private final int size;
    private final int globalBatch;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    public DataOrder(long seed, int size, int globalBatch) {
        if (globalBatch <= 0 || size < globalBatch) {
            throw new IllegalArgumentException("a global batch of " + globalBatch
                    + " samples needs a data set of at least that many, got " + size);
        }
        this.seed = seed;
        this.size = size;
        this.globalBatch = globalBatch;
    }

    public long stepsPerEpoch() {
        return size / globalBatch;
    }

    public long epochOf(long step) {
        return step / stepsPerEpoch();
    }

    /** Offset of the step's first sample inside its epoch's permutation. */
    public int positionOf(long step) {
        return (int) (step % stepsPerEpoch()) * globalBatch;
    }

    /** The sample indices of global step {@code step}, in split order. */
    public int[] samplesOf(long step) {
        int[] permutation = permutation(epochOf(step));
        int from = positionOf(step);
        return Arrays.copyOfRange(permutation, from, from + globalBatch);
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            cachedPermutation = permutation(seed, epoch, size);
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }

    /** The visiting order of epoch {@code epoch}. */
    public static int[] permutation(long seed, long epoch, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, epoch));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

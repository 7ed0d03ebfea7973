package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.neurofm.family.Pretrainable;
import io.neurofm.tensor.Scalars;

/**
 * DeeperBrain as a {@link Pretrainable}. Batch {@code NDList(patches [B, C, P, L], positions
 * [B, C, 3], known [B, C], mask [B, C, P], statistics [B, D])} (see {@link DeeperBrainBatch});
 * the statistics may be left out when lambda = 0. The mask comes with the batch: the data
 * pipeline draws it with {@link PatchMasking#random} from its own seeded generator, so a run is
 * reproducible and the model holds no random state.
 *
 * <p>Loss = masked Smooth-L1 reconstruction + lambda * statistics MSE.
 */
public final class DeeperBrainModel implements Pretrainable {
    /** Added to the variance before the log in {@link EmbeddingPooling#POWER}. */
    public static final float LOG_VARIANCE_FLOOR = 1e-6f;

    private final DeeperBrainConfig config;
    private final DeeperBrainNetwork network;

    /** The loss and its parts; {@code statistics} is null when lambda = 0 (the head is not run). */
    public record Losses(NDArray total, NDArray reconstruction, NDArray statistics) {}

    public DeeperBrainModel(DeeperBrainConfig config) {
        this.config = config;
        this.network = new DeeperBrainNetwork(config);
    }

    public DeeperBrainConfig config() {
        return config;
    }

    public DeeperBrainNetwork network() {
        return network;
    }

    @Override
    public String objectiveName() {
        return config.nspWeight() == 0f
                ? "masked patch reconstruction (Smooth-L1)"
                : "masked patch reconstruction (Smooth-L1) + " + config.nspWeight()
                        + " x neurodynamics statistics prediction (MSE)";
    }

    @Override
    public Block block() {
        return network;
    }

    @Override
    public void initialize(NDManager manager) {
        network.initialize(manager, DataType.FLOAT32, network.inputShapes());
    }

    @Override
    public NDArray loss(ParameterStore parameters, NDList batch, boolean training) {
        return losses(parameters, batch, training).total();
    }

    /** The total loss and its two parts. */
    public Losses losses(ParameterStore parameters, NDList batch, boolean training) {
        boolean withStatistics = config.nspWeight() > 0f;
        if (batch.size() != 5 && !(batch.size() == 4 && !withStatistics)) {
            throw new IllegalArgumentException("a DeeperBrain batch is NDList(patches, positions, "
                    + "known, mask, statistics) (statistics optional when lambda = 0), got "
                    + batch.size() + " arrays");
        }
        NDArray hidden = network.hidden(parameters, batch, training, null);
        NDArray predicted = network.reconstruct(parameters, hidden, training, null);
        NDArray reconstruction = DeeperBrainLosses.maskedSmoothL1(predicted, batch.get(0), batch.get(3));
        if (!withStatistics) {
            return new Losses(reconstruction, reconstruction, null);
        }
        NDArray statistics = DeeperBrainLosses.statisticsMse(
                network.statistics(parameters, hidden, training, null), batch.get(4));
        return new Losses(reconstruction.add(Scalars.mul(statistics, config.nspWeight())),
                reconstruction, statistics);
    }

    /** Reconstructed patches [B, C, P, L] (inference mode). */
    public NDArray reconstruct(ParameterStore parameters, NDList batch) {
        NDArray hidden = network.hidden(parameters, batch, false, null);
        return network.reconstruct(parameters, hidden, false, null);
    }

    /**
     * The token of every patch averaged over channels, [B, P, d], in inference mode with every
     * patch visible: a per-patch sequence for temporal probes.
     */
    public NDArray sequence(ParameterStore parameters, NDList batch) {
        NDArray patches = batch.get(0);
        NDArray visible = patches.getManager().zeros(patches.getShape().slice(0, 3), patches.getDataType());
        return network.hidden(parameters, new NDList(patches, batch.get(1), batch.get(2), visible), false, null)
                .mean(new int[] {1});
    }

    /**
     * Representations of {@code NDList(patches, positions, known[, ...])} in inference mode with
     * every patch visible (any mask in the batch is ignored).
     */
    public DeeperBrainEmbeddings embed(ParameterStore parameters, NDList batch, EmbeddingPooling pooling) {
        if (batch.size() < 3) {
            throw new IllegalArgumentException(
                    "embed needs NDList(patches, positions, known), got " + batch.size() + " arrays");
        }
        NDArray patches = batch.get(0);
        NDArray visible = patches.getManager().zeros(patches.getShape().slice(0, 3), patches.getDataType());
        NDArray hidden = network.hidden(parameters,
                new NDList(patches, batch.get(1), batch.get(2), visible), false, null);
        long b = hidden.getShape().get(0);
        long d = hidden.getShape().get(3);
        NDArray tokens = hidden.reshape(b, -1, d);
        return new DeeperBrainEmbeddings(pool(hidden, 2, pooling), pool(tokens, 1, pooling));
    }

    /**
     * The pooled embedding [B, e] of all C*P tokens of {@code NDList(patches, positions, known[,
     * ...])} with every patch visible, as {@link #embed}'s {@code pooled} but in either mode:
     * with {@code training} true dropout is active and the result is differentiable, which
     * fine-tuning needs.
     */
    public NDArray pooled(ParameterStore parameters, NDList batch, EmbeddingPooling pooling, boolean training) {
        if (batch.size() < 3) {
            throw new IllegalArgumentException(
                    "pooled needs NDList(patches, positions, known), got " + batch.size() + " arrays");
        }
        NDArray patches = batch.get(0);
        NDArray visible = patches.getManager().zeros(patches.getShape().slice(0, 3), patches.getDataType());
        NDArray hidden = network.hidden(parameters,
                new NDList(patches, batch.get(1), batch.get(2), visible), training, null);
        long b = hidden.getShape().get(0);
        long d = hidden.getShape().get(3);
        return pool(hidden.reshape(b, -1, d), 1, pooling);
    }

    private static NDArray pool(NDArray x, int axis, EmbeddingPooling pooling) {
        NDArray mean = x.mean(new int[] {axis});
        if (pooling == EmbeddingPooling.MEAN) {
            return mean;
        }
        NDArray variance = x.sub(mean.expandDims(axis)).square().mean(new int[] {axis});
        return NDArrays.concat(new NDList(mean, variance.add(LOG_VARIANCE_FLOOR).log()), -1);
    }
}

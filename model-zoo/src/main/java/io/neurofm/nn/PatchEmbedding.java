package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Cuts x [B, C, L] into N = L / P non-overlapping patches of P samples across all C channels and
 * projects each to d: output [B, N, d]. Per-channel tokens are the C = 1 case (reshape [B, C, L] to
 * [B*C, 1, L] first).
 *
 * <p>Two layouts of the same map, both with the child name {@code proj}:
 * {@link #linear} ({@code proj.weight} [d, C*P], patch vector index c*P + p, see {@link
 * #flattenPatches}) and {@link #conv1d} ({@code proj.weight} [d, C, P], kernel = stride = P, as
 * {@code torch.nn.Conv1d(C, d, P, stride=P)}). A conv weight reshaped to [d, C*P] is the linear
 * weight.
 */
public final class PatchEmbedding extends AbstractBlock {
    private final int channels;
    private final int patchLength;
    private final int dModel;
    private final boolean convolutional;
    private final Block proj;

    private PatchEmbedding(int channels, int patchLength, int dModel, boolean convolutional) {
        if (channels <= 0 || patchLength <= 0 || dModel <= 0) {
            throw new IllegalArgumentException("channels, patchLength and dModel must be positive, got "
                    + channels + ", " + patchLength + ", " + dModel);
        }
        this.channels = channels;
        this.patchLength = patchLength;
        this.dModel = dModel;
        this.convolutional = convolutional;
        proj = addChildBlock("proj", convolutional
                ? Conv1d.builder().setKernelShape(new Shape(patchLength))
                        .optStride(new Shape(patchLength)).setFilters(dModel).build()
                : Linear.builder().setUnits(dModel).build());
    }

    /** A Linear over flattened patch vectors. */
    public static PatchEmbedding linear(int channels, int patchLength, int dModel) {
        return new PatchEmbedding(channels, patchLength, dModel, false);
    }

    /** A Conv1d with kernel = stride = patch length. */
    public static PatchEmbedding conv1d(int channels, int patchLength, int dModel) {
        return new PatchEmbedding(channels, patchLength, dModel, true);
    }

    public int patchLength() {
        return patchLength;
    }

    /** [B, C, L] to [B, L/P, C*P]; element (c, p) of a patch goes to index c*P + p. */
    public static NDArray flattenPatches(NDArray x, int patchLength) {
        Shapes.requireRank(x, 3, "patch input");
        Shape s = x.getShape();
        long length = s.get(2);
        if (patchLength <= 0 || length % patchLength != 0) {
            throw new IllegalArgumentException(
                    "signal length " + length + " is not a multiple of the patch length " + patchLength);
        }
        long patches = length / patchLength;
        return x.reshape(s.get(0), s.get(1), patches, patchLength)
                .transpose(0, 2, 1, 3)
                .reshape(s.get(0), patches, s.get(1) * patchLength);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        if (convolutional) {
            proj.initialize(manager, dataType, new Shape(x.get(0), channels, x.get(2)));
        } else {
            long patches = x.get(2) / patchLength;
            proj.initialize(manager, dataType,
                    new Shape(x.get(0), patches, (long) channels * patchLength));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shapes.requireRank(x, 3, "patch input");
        if (x.getShape().get(1) != channels) {
            throw new IllegalArgumentException(
                    "patch input must have " + channels + " channels, got shape " + x.getShape());
        }
        if (convolutional) {
            if (x.getShape().get(2) % patchLength != 0) {
                throw new IllegalArgumentException("signal length " + x.getShape().get(2)
                        + " is not a multiple of the patch length " + patchLength);
            }
            NDArray y = proj.forward(store, new NDList(x), training, params).head();
            return new NDList(y.swapAxes(1, 2));
        }
        return proj.forward(store, new NDList(flattenPatches(x, patchLength)), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(2) / patchLength, dModel)};
    }
}

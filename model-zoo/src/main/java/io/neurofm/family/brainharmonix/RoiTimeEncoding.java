package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.neurofm.nn.PassParameters;

/**
 * Geometric position of an fMRI token, width w: the first w/2 features encode the patch's start
 * time in seconds ({@link SinCos#encode}), so tokens of scans with different TRs that start at the
 * same time get the same code; the last w/2 encode the ROI centroid in mm ({@link SinCos#encode3d}).
 * An ROI without a known centroid (e.g. a CSV of named ROIs) gets the learned
 * {@code unknown_position} [w/2] instead; such ROIs are then told apart by content only.
 *
 * <p>Input {@code NDList(starts [B, P], coords [B, R, 3], known [B, R])}, output [B, R, P, w].
 */
final class RoiTimeEncoding extends AbstractBlock {
    private final int width;
    private final Parameter unknown;

    RoiTimeEncoding(int width) {
        this.width = width;
        unknown = addParameter(Parameter.builder().setName("unknown_position").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(width / 2)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray starts = inputs.get(0);
        NDArray coords = inputs.get(1);
        NDArray known = inputs.get(2).toType(DataType.FLOAT32, false);
        long b = coords.getShape().get(0);
        long r = coords.getShape().get(1);
        long p = starts.getShape().get(1);
        int half = width / 2;
        NDArray time = SinCos.encode(starts, half).reshape(b, 1, p, half);
        NDArray k = known.expandDims(-1);
        NDArray place = SinCos.encode3d(coords, half).mul(k)
                .add(PassParameters.value(store, unknown, coords, training).mul(k.neg().add(1)));
        Shape full = new Shape(b, r, p, half);
        return new NDList(NDArrays.concat(new NDList(time.broadcast(full),
                place.reshape(b, r, 1, half).broadcast(full)), -1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape c = inputShapes[1];
        return new Shape[] {new Shape(c.get(0), c.get(1), inputShapes[0].get(1), width)};
    }
}

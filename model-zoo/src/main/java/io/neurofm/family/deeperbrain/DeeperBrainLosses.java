package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.neurofm.tensor.Scalars;

/** The two pretraining objectives. */
public final class DeeperBrainLosses {
    private DeeperBrainLosses() {}

    /**
     * Smooth-L1 (Huber, beta 1) between predicted and target patches, averaged over the samples of
     * masked patches only: {@code sum(huber(pred - target) * mask) / (L * max(1, sum(mask)))}.
     * Unmasked patches contribute nothing, neither value nor gradient. With no masked patch the
     * loss is 0.
     *
     * @param predicted [B, C, P, L]
     * @param target [B, C, P, L]
     * @param mask [B, C, P], 1 = masked (scored), 0 = visible
     */
    public static NDArray maskedSmoothL1(NDArray predicted, NDArray target, NDArray mask) {
        Shape ps = predicted.getShape();
        if (!ps.equals(target.getShape()) || ps.dimension() != 4
                || !ps.slice(0, 3).equals(mask.getShape())) {
            throw new IllegalArgumentException("predicted and target must be [B, C, P, L] and mask "
                    + "[B, C, P], got " + ps + ", " + target.getShape() + " and " + mask.getShape());
        }
        NDArray m = mask.toType(predicted.getDataType(), false);
        NDArray error = predicted.sub(target).abs();
        // 0.5 q^2 + (|e| - q) with q = min(|e|, 1) is 0.5 e^2 below 1 and |e| - 0.5 above.
        NDArray quadratic = Scalars.minimum(error, 1);
        NDArray huber = Scalars.mul(quadratic.square(), 0.5).add(error.sub(quadratic));
        NDArray perPatch = huber.sum(new int[] {-1});
        NDArray count = Scalars.maximum(m.sum(), 1).mul(ps.get(3));
        return perPatch.mul(m).sum().div(count);
    }

    /** Mean squared error between predicted and target statistics, both [B, D]. */
    public static NDArray statisticsMse(NDArray predicted, NDArray target) {
        if (!predicted.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("statistics targets must be " + predicted.getShape()
                    + ", got " + target.getShape());
        }
        return predicted.sub(target.toType(predicted.getDataType(), false)).square().mean();
    }
}

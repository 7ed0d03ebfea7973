package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import io.neurofm.tensor.Scalars;

/** The three objectives, as pure functions of arrays. */
public final class HarmonixLosses {
    /** LayerNorm eps of the JEPA targets (as F.layer_norm's default). */
    public static final float TARGET_NORM_EPS = 1e-5f;

    private HarmonixLosses() {}

    /**
     * JEPA: Smooth-L1 (Huber, beta 1) between predicted [B, R, P, d] and target [B, R, P, d]
     * representations, averaged over the features of tokens with {@code selected} [B, R, P] = 1
     * (the masked valid ones): {@code sum(huber(pred - target) * sel) / (d * max(1, sum sel))}.
     */
    public static NDArray jepaSmoothL1(NDArray predicted, NDArray target, NDArray selected) {
        NDArray a = predicted.sub(target).abs();
        NDArray q = Scalars.minimum(a, 1);
        NDArray huber = q.mul(a.sub(Scalars.mul(q, 0.5)));
        NDArray sel = selected.toType(predicted.getDataType(), false);
        long d = predicted.getShape().tail();
        return huber.sum(new int[] {-1}).mul(sel).sum().div(Scalars.maximum(sel.sum(), 1).mul(d));
    }

    /** LayerNorm over the last axis without affine parameters (I-JEPA normalises its targets so). */
    public static NDArray normalise(NDArray x) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray centred = x.sub(mean);
        NDArray var = centred.square().mean(new int[] {-1}, true);
        return centred.div(var.add(TARGET_NORM_EPS).sqrt());
    }

    /**
     * MAE: mean squared error over the values of masked patches only, predicted and patches
     * [B, N, p^3], mask [B, N] (1 = masked): {@code sum(mean_v (pred - x)^2 * m) / max(1, sum m)}.
     */
    public static NDArray maskedMse(NDArray predicted, NDArray patches, NDArray mask) {
        NDArray m = mask.toType(predicted.getDataType(), false);
        NDArray perPatch = predicted.sub(patches).square().mean(new int[] {-1});
        return perPatch.mul(m).sum().div(Scalars.maximum(m.sum(), 1));
    }

    /** Plain MSE over all elements. */
    public static NDArray mse(NDArray predicted, NDArray target) {
        return predicted.sub(target).square().mean();
    }

    /** Mean of tokens [B, T, d] over those with valid [B, T] = 1, [B, d]. */
    public static NDArray maskedMean(NDArray tokens, NDArray valid) {
        NDArray v = valid.toType(tokens.getDataType(), false).expandDims(-1);
        return tokens.mul(v).sum(new int[] {1}).div(Scalars.maximum(v.sum(new int[] {1}), 1));
    }
}

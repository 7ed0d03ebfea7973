package io.neurofm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Global-norm clipping as {@code torch.nn.utils.clip_grad_norm_}: the 2-norm of all gradients
 * together, and a scale {@code min(1, maxNorm / (norm + 1e-6))}. The scale is not applied here:
 * the optimizer multiplies it into its gradient scale, saving a pass over every gradient.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * The total 2-norm of {@code gradients} (all on one device) as a scalar array, without a
     * host sync: one norm per tensor, then the norm of those (PyTorch's own order of operations).
     */
    public static NDArray totalNorm(List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            throw new IllegalArgumentException("no gradients");
        }
        NDList norms = new NDList(gradients.size());
        for (NDArray g : gradients) {
            norms.add(g.norm());
        }
        NDArray stacked = NDArrays.stack(norms);
        NDArray total = stacked.norm();
        norms.close();
        stacked.close();
        return total;
    }

    /** The factor clip_grad_norm_ multiplies the gradients by; 1 when {@code maxNorm <= 0} (clipping off). */
    public static double coefficient(double totalNorm, double maxNorm) {
        if (maxNorm <= 0) {
            return 1;
        }
        return Math.min(1.0, maxNorm / (totalNorm + 1e-6));
    }
}

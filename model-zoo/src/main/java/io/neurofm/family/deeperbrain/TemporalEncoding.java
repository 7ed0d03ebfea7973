package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.neurofm.nn.PassParameters;

/**
 * Encoding of the patch index t = 0..P-1 from learnable oscillatory and exponential bases:
 *
 * <pre>
 * phi(t) = [sin(w_1 t) .. sin(w_K t), cos(w_1 t) .. cos(w_K t), exp(-t / tau_1) .. exp(-t / tau_E)]
 * out(t) = Linear(2K + E, d)(phi(t))                       [P, d]
 * </pre>
 *
 * The frequencies start at w_k = 10000^(-k/K) rad per patch (the sinusoidal table's spacing);
 * tau_e = exp(log_tau_e) starts log-spaced from 1 to 100 patches. Both are trained. There is no
 * maximum P. {@code forward(NDList(x))} encodes P = the size of x's second-to-last axis (a
 * [B, C, P, L] patch batch); {@link #encode} takes P directly.
 * Names: {@code frequencies} [K], {@code log_tau} [E], {@code proj.weight} [d, 2K+E], {@code proj.bias}.
 */
final class TemporalEncoding extends AbstractBlock {
    private final int oscillatory;
    private final int exponential;
    private final Parameter frequencies;
    private final Parameter logTau;
    private final Linear proj;

    TemporalEncoding(int oscillatory, int exponential, int dModel) {
        this.oscillatory = oscillatory;
        this.exponential = exponential;
        float[] w = new float[oscillatory];
        for (int k = 0; k < oscillatory; k++) {
            w[k] = (float) Math.pow(10000, -(double) k / oscillatory);
        }
        float[] logTaus = new float[exponential];
        for (int e = 0; e < exponential; e++) {
            logTaus[e] = exponential == 1 ? 0f : (float) (Math.log(100) * e / (exponential - 1));
        }
        frequencies = addParameter(Parameter.builder().setName("frequencies")
                .setType(Parameter.Type.WEIGHT).optInitializer(values(w))
                .optShape(new Shape(oscillatory)).build());
        logTau = addParameter(Parameter.builder().setName("log_tau")
                .setType(Parameter.Type.WEIGHT).optInitializer(values(logTaus))
                .optShape(new Shape(exponential)).build());
        proj = addChildBlock("proj", Linear.builder().setUnits(dModel).build());
    }

    private static Initializer values(float[] v) {
        return (manager, shape, dataType) -> manager.create(v, shape).toType(dataType, false);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        proj.initialize(manager, dataType, new Shape(1, 2L * oscillatory + exponential));
    }

    /** The encodings of patch indices 0..patches-1, [P, d], on {@code like}'s device and type. */
    NDArray encode(ParameterStore store, NDArray like, long patches, boolean training,
                   PairList<String, Object> params) {
        NDArray w = PassParameters.value(store, frequencies, like, training);
        NDArray tau = PassParameters.value(store, logTau, like, training).exp();
        NDArray t = like.getManager().arange(0f, (float) patches, 1f)
                .toType(like.getDataType(), false).toDevice(like.getDevice(), false).expandDims(1);
        NDArray phase = t.mul(w.expandDims(0));
        NDArray decay = t.div(tau.expandDims(0)).neg().exp();
        NDArray features = NDArrays.concat(new NDList(phase.sin(), phase.cos(), decay), 1);
        return proj.forward(store, new NDList(features), training, params).head();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        return new NDList(encode(store, x, x.getShape().get(x.getShape().dimension() - 2),
                training, params));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return proj.getOutputShapes(new Shape[] {new Shape(1, 2L * oscillatory + exponential)});
    }
}

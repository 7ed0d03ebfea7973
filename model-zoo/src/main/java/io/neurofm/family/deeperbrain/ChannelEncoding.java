package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.neurofm.nn.PassParameters;
import io.neurofm.tensor.Scalars;

/**
 * Channel embeddings from 3-D electrode positions through a volume-conduction kernel, for any set
 * of channels (no channel vocabulary).
 *
 * <pre>
 * f(p)   = Linear(d, d)(gelu(Linear(3, d)(p / 0.1 m)))          position embedding
 * W_ij   = k_j exp(-|p_i - p_j| / tau) / sum_j' k_j' exp(-|p_i - p_j'| / tau)   tau = exp(log_tau)
 * e_i    = sum_j W_ij f(p_j)                    if channel i's position is known (k_i = 1)
 * e_i    = unknown_embedding                    otherwise
 * </pre>
 *
 * Rows of W sum to 1 over the channels with known positions; channels without one take no part
 * in the kernel (their column is 0). A known row always contains its own diagonal term exp(0) = 1,
 * so the denominator is at least 1. The construction only uses pairwise distances and sums over
 * channels, so permuting channels (with their positions) permutes the embeddings.
 *
 * <p>Input {@code NDList(positions [B, C, 3] in metres, known [B, C] 0/1)}, output [B, C, d].
 * Positions of unknown channels are ignored but must be finite (0 is fine). Names: {@code log_tau}
 * [1], {@code unknown_embedding} [d], {@code position_mlp.0.…} [d, 3], {@code position_mlp.2.…}
 * [d, d] (the indices of {@code nn.Sequential(Linear, GELU, Linear)}).
 */
final class ChannelEncoding extends AbstractBlock {
    /** Positions are divided by this (about a head radius) so the MLP sees values near 1. */
    static final double POSITION_SCALE_METRES = 0.1;

    private final int dModel;
    private final Parameter logTau;
    private final Parameter unknownEmbedding;
    private final Linear positionIn;
    private final Linear positionOut;

    ChannelEncoding(int dModel, float initialTau) {
        this.dModel = dModel;
        logTau = addParameter(Parameter.builder().setName("log_tau").setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer((float) Math.log(initialTau)))
                .optShape(new Shape(1)).build());
        unknownEmbedding = addParameter(Parameter.builder().setName("unknown_embedding")
                .setType(Parameter.Type.WEIGHT).optInitializer(new NormalInitializer(0.02f))
                .optShape(new Shape(dModel)).build());
        positionIn = addChildBlock("position_mlp.0", Linear.builder().setUnits(dModel).build());
        positionOut = addChildBlock("position_mlp.2", Linear.builder().setUnits(dModel).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        positionIn.initialize(manager, dataType, new Shape(1, 3));
        positionOut.initialize(manager, dataType, new Shape(1, dModel));
    }

    /** The kernel W [B, C, C] (rows of known channels sum to 1; rows of unknown channels are unused). */
    NDArray weights(ParameterStore store, NDArray positions, NDArray known, boolean training) {
        NDArray tau = PassParameters.value(store, logTau, positions, training).exp();
        NDArray distance = positions.expandDims(2).sub(positions.expandDims(1))
                .square().sum(new int[] {-1}).sqrt();
        NDArray kernel = distance.div(tau).neg().exp().mul(known.expandDims(1));
        // An unknown row would have no known diagonal term; the +1 keeps it finite (it is discarded).
        NDArray denominator = kernel.sum(new int[] {-1}, true)
                .add(known.neg().add(1).expandDims(-1));
        return kernel.div(denominator);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray positions = inputs.get(0);
        NDArray known = inputs.get(1);
        NDArray h = positionIn.forward(store,
                new NDList(Scalars.div(positions, POSITION_SCALE_METRES)), training, params).head();
        NDArray f = positionOut.forward(store, new NDList(Activation.gelu(h)), training, params).head();
        NDArray mixed = weights(store, positions, known, training).matMul(f);
        NDArray k = known.expandDims(-1);
        NDArray unknown = PassParameters.value(store, unknownEmbedding, positions, training);
        return new NDList(mixed.mul(k).add(unknown.mul(k.neg().add(1))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape p = inputShapes[0];
        return new Shape[] {new Shape(p.get(0), p.get(1), dModel)};
    }
}

package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.neurofm.family.Pretrainable;
import io.neurofm.nn.StateDict;
import io.neurofm.tensor.Scalars;
import java.util.EnumMap;
import java.util.Map;

/**
 * BrainHarmonix style model: an fMRI JEPA encoder, a T1 MAE encoder and hub-token fusion, trained in
 * three {@link Stage}s. {@link #stage} gives each stage as a {@link Pretrainable} whose
 * {@code block()} holds exactly that stage's trainable parameters; {@link #network()} holds all
 * of them (checkpoint that one).
 */
public final class BrainHarmonixModel {
    private final BrainHarmonixConfig config;
    private final BrainHarmonixNetwork network;
    private final Map<Stage, ParameterGroup> groups = new EnumMap<>(Stage.class);
    private boolean initialized;

    public BrainHarmonixModel(BrainHarmonixConfig config) {
        this.config = config;
        this.network = new BrainHarmonixNetwork(config);
        groups.put(Stage.FMRI_JEPA, new ParameterGroup("fMRI JEPA", new String[] {"fmri_encoder", "fmri_predictor"},
                new Block[] {network.fmriEncoder, network.fmriPredictor}));
        groups.put(Stage.T1_MAE, new ParameterGroup("T1 MAE", new String[] {"t1_encoder", "t1_decoder"},
                new Block[] {network.t1Encoder, network.t1Decoder}));
        groups.put(Stage.FUSION, new ParameterGroup("fusion", new String[] {"fusion"}, new Block[] {network.fusion}));
    }

    public BrainHarmonixConfig config() {
        return config;
    }

    public BrainHarmonixNetwork network() {
        return network;
    }

    /**
     * Initialises every block (fp32); the EMA target starts as an exact copy of the context encoder
     * and is frozen (no gradient is ever attached to it).
     */
    public void initialize(NDManager manager) {
        if (initialized) {
            return;
        }
        network.initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1));
        Map<String, Parameter> context = StateDict.parameters(network.fmriEncoder);
        Map<String, Parameter> target = StateDict.parameters(network.fmriTarget);
        for (Map.Entry<String, Parameter> e : context.entrySet()) {
            target.get(e.getKey()).getArray().set(e.getValue().getArray().toByteBuffer());
        }
        network.fmriTarget.freezeParameters(true);
        initialized = true;
    }

    /** Stage {@code s} as a Pretrainable over the shared network. */
    public Pretrainable stage(Stage s) {
        return new Pretrainable() {
            @Override
            public String objectiveName() {
                return switch (s) {
                    case FMRI_JEPA -> "fMRI JEPA: Smooth-L1 to the layer-normalised EMA-target representations "
                            + "of time-block-masked tokens";
                    case T1_MAE -> "T1 MAE: MSE on masked 3-D patches";
                    case FUSION -> "fusion: MSE of pooled fMRI and T1 embeddings decoded from the hub tokens";
                };
            }

            @Override
            public Block block() {
                return groups.get(s);
            }

            @Override
            public void initialize(NDManager manager) {
                BrainHarmonixModel.this.initialize(manager);
            }

            @Override
            public NDArray loss(ParameterStore parameters, NDList batch, boolean training) {
                return switch (s) {
                    case FMRI_JEPA -> jepaLoss(parameters, batch, training);
                    case T1_MAE -> maeLoss(parameters, batch, training);
                    case FUSION -> fusionLoss(parameters, batch, training);
                };
            }
        };
    }

    /** JEPA loss of NDList(the seven arrays of an {@link FmriBatch} with its target mask). */
    public NDArray jepaLoss(ParameterStore store, NDList batch, boolean training) {
        FmriBatch.check(batch, true);
        NDArray valid = batch.get(FmriBatch.VALID);
        NDArray target = batch.get(FmriBatch.TARGET).toType(valid.getDataType(), false);
        NDArray context = network.fmriEncoder.encode(store, batch, valid.mul(target.neg().add(1)), training);
        NDArray predicted = network.fmriPredictor.predict(store, context, batch, training);
        NDArray goal = HarmonixLosses.normalise(targetRepresentations(store, batch)).stopGradient();
        return HarmonixLosses.jepaSmoothL1(predicted, goal, target.mul(valid));
    }

    /** The EMA target encoder's output over all valid tokens, [B, R, P, d] (no gradient). */
    public NDArray targetRepresentations(ParameterStore store, NDList batch) {
        NDList six = new NDList(batch.subList(0, FmriBatch.SIZE));
        return network.fmriTarget.encode(store, six, six.get(FmriBatch.VALID), false).stopGradient();
    }

    /** MAE loss of NDList(patches [B, N, p^3], grid [B, N, 3], mask [B, N]). */
    public NDArray maeLoss(ParameterStore store, NDList batch, boolean training) {
        return HarmonixLosses.maskedMse(reconstructT1(store, batch, training), batch.get(T1Batch.PATCHES),
                batch.get(T1Batch.MASK));
    }

    /** MAE reconstruction [B, N, p^3] of every patch, the encoder seeing only unmasked ones. */
    public NDArray reconstructT1(ParameterStore store, NDList batch, boolean training) {
        if (batch.size() < 3) {
            throw new IllegalArgumentException("a T1 MAE batch is NDList(patches [B, N, p^3], grid [B, N, 3], "
                    + "mask [B, N]), got " + batch.size() + " arrays");
        }
        NDArray selection = T1Batch.visibleSelection(batch.get(T1Batch.MASK));
        NDArray encoded = network.t1Encoder.forward(store,
                new NDList(batch.get(T1Batch.PATCHES), batch.get(T1Batch.GRID), selection), training, null).head();
        return network.t1Decoder.forward(store, new NDList(encoded, selection, batch.get(T1Batch.GRID)),
                training, null).head();
    }

    /** Fusion loss of NDList(six fMRI arrays, t1 patches, t1 grid). */
    public NDArray fusionLoss(ParameterStore store, NDList batch, boolean training) {
        NDList tokens = network.modalityTokens(store, batch);
        NDArray hubs = network.fusion.forward(store, tokens, training, null).head();
        NDList predicted = network.fusion.decode(store, hubs, training);
        NDArray fmriGoal = HarmonixLosses.maskedMean(tokens.get(0), tokens.get(1));
        NDArray t1Goal = tokens.get(2).mean(new int[] {1});
        return HarmonixLosses.mse(predicted.get(0), fmriGoal).add(HarmonixLosses.mse(predicted.get(1), t1Goal));
    }

    /**
     * EMA update of the target encoder after an optimizer step of the JEPA stage:
     * {@code target = m · target + (1 - m) · context}, in place, outside any gradient collector.
     */
    public void updateTarget() {
        float m = config.momentum();
        Map<String, Parameter> context = StateDict.parameters(network.fmriEncoder);
        Map<String, Parameter> target = StateDict.parameters(network.fmriTarget);
        for (Map.Entry<String, Parameter> e : context.entrySet()) {
            NDArray t = target.get(e.getKey()).getArray();
            // the scaled copy would otherwise stay on the context model's manager, one per parameter per step
            try (NDManager step = t.getManager().newSubManager()) {
                // the weight on the step's manager too: Scalars.of would put it on the parameter's
                NDArray weight = step.full(new Shape(), 1f - m, t.getDataType(), t.getDevice());
                NDArray scaled = e.getValue().getArray().mul(weight);
                scaled.attach(step);
                t.muli(m).addi(scaled);
            }
        }
    }

    /** Hub-token embeddings of NDList(six fMRI arrays, t1 patches, t1 grid), inference mode. */
    public HarmonixEmbeddings embed(ParameterStore store, NDList batch, HubPooling pooling) {
        NDArray hubs = network.hubs(store, batch, false);
        NDArray pooled = pooling == HubPooling.MEAN ? hubs.mean(new int[] {1})
                : hubs.reshape(hubs.getShape().get(0), -1);
        return new HarmonixEmbeddings(hubs, pooled);
    }
}

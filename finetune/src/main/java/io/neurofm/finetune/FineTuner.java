package io.neurofm.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.EmbeddingPooling;
import io.neurofm.nn.StateDict;
import io.neurofm.probe.split.Permutations;
import io.neurofm.train.AdamW;
import io.neurofm.train.AdamWConfig;
import io.neurofm.train.DecayRule;
import io.neurofm.train.GradientClipping;
import io.neurofm.train.Seeds;
import io.neurofm.train.TrainingDivergedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-tunes a DeeperBrain backbone with a linear classification head on its pooled embedding:
 * {@code logits = head(pool(encoder(epoch)))}, cross-entropy, AdamW with optional layer-wise
 * learning-rate decay and global-norm clipping.
 *
 * <p>Freezing is explicit and checked by construction: the trained set is built per mode, every
 * backbone parameter outside it is frozen with {@code Parameter.freeze(true)} (no gradient is
 * even computed) and the optimizer only ever sees the trained set. {@link FineTuneMode#HEAD} runs
 * the frozen backbone in inference mode (no dropout); FULL and LORA run it in training mode. The
 * backbone parameters the classification forward never uses (mask token, reconstruction and
 * statistics heads) are frozen in every mode, so they are carried into a new artifact unchanged.
 *
 * <p>The model's parameters are frozen/unfrozen in place: use one fine-tuner per model instance.
 */
public final class FineTuner {
    /** Prefix of the head's parameters in {@link #trainableNames()} (the head's own names are weight, bias). */
    public static final String HEAD_PREFIX = "head.";
    private static final List<String> UNUSED = List.of("mask_token", "reconstruction_head.", "statistics_head.");

    private final DeeperBrainModel model;
    private final FineTuneConfig config;
    private final int classes;
    private final Linear head;
    private final LoraAdapters lora;
    private final LinkedHashMap<String, Parameter> trainable = new LinkedHashMap<>();
    private final AdamW optimizer;
    private final NDManager manager;
    private long step;

    /**
     * @param model   an initialised model (weights loaded); its parameters are frozen per mode
     * @param classes K
     */
    public FineTuner(DeeperBrainModel model, int classes, FineTuneConfig config, NDManager manager) {
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        this.model = model;
        this.config = config;
        this.classes = classes;
        this.manager = manager;
        Engine.getInstance().setRandomSeed(Seeds.forStep(config.seed(), -1));
        head = Linear.builder().setUnits(classes).build();
        head.initialize(manager, DataType.FLOAT32, new Shape(1, embeddingDim()));
        lora = config.mode() == FineTuneMode.LORA
                ? LoraAdapters.attach(model.block(), config.lora(), manager, config.seed()) : null;

        LinkedHashMap<String, Parameter> backbone = StateDict.parameters(model.block());
        if (config.mode() == FineTuneMode.FULL) {
            backbone.forEach((name, p) -> {
                if (UNUSED.stream().noneMatch(name::startsWith)) {
                    trainable.put(name, p);
                }
            });
        } else if (lora != null) {
            trainable.putAll(lora.parameters());
        }
        for (Map.Entry<String, Parameter> e : backbone.entrySet()) {
            e.getValue().freeze(!trainable.containsKey(e.getKey()));
        }
        StateDict.parameters(head).forEach((name, p) -> {
            p.freeze(false);
            trainable.put(HEAD_PREFIX + name, p);
        });
        int layers = model.config().layers();
        optimizer = new AdamW(trainable, new AdamWConfig(0.9, 0.999, 1e-8, config.weightDecay()), DecayRule.DEFAULT,
                name -> LayerwiseDecay.scale(name, layers, config.layerDecay()));
    }

    /** e: d for mean pooling, 2d for power pooling. */
    public int embeddingDim() {
        int d = model.config().dModel();
        return config.pooling() == EmbeddingPooling.MEAN ? d : 2 * d;
    }

    public Linear head() {
        return head;
    }

    /** The adapters in LORA mode, else null. */
    public LoraAdapters lora() {
        return lora;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** Names of every trained parameter (backbone names, {@code NAME.lora_A/B}, {@code head.weight/bias}). */
    public List<String> trainableNames() {
        return Collections.unmodifiableList(new ArrayList<>(trainable.keySet()));
    }

    /** Trains on all of {@code data}; returns the mean training loss of each pass. */
    public double[] train(FineTuneData data) throws TrainingDivergedException {
        if (data.classCount() != classes) {
            throw new IllegalArgumentException("the data has " + data.classCount() + " classes, the head " + classes);
        }
        double[] losses = new double[config.epochs()];
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int[] order = Permutations.of(data.size(), Seeds.mix(config.seed(), epoch));
            double sum = 0;
            for (int start = 0; start < order.length; start += config.batchSize()) {
                int[] idx = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + config.batchSize()));
                sum += step(data, idx) * idx.length;
            }
            losses[epoch] = sum / order.length;
        }
        return losses;
    }

    /** One optimizer step on the epochs {@code idx}; returns the batch's mean loss. */
    public double step(FineTuneData data, int[] idx) throws TrainingDivergedException {
        Engine.getInstance().setRandomSeed(Seeds.forStep(config.seed(), step));
        try (NDManager scope = manager.newSubManager()) {
            NDList batch = data.batch(scope, idx);
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = logits(store(scope), batch, config.mode() != FineTuneMode.HEAD);
                NDArray value = crossEntropy(logits, batch.get(4));
                collector.backward(value);
                loss = value.getFloat();
            }
            List<NDArray> grads = new ArrayList<>(trainable.size());
            for (Parameter p : trainable.values()) {
                NDArray g = p.getArray().getGradient();
                g.attach(scope);
                grads.add(g);
            }
            double norm = GradientClipping.totalNorm(grads).getFloat();
            if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                throw new TrainingDivergedException(step, loss, norm);
            }
            optimizer.update(config.learningRate(), GradientClipping.coefficient(norm, config.maxGradNorm()));
            step++;
            return loss;
        }
    }

    /** Class probabilities [N][K] of {@code data}'s epochs (inference mode). */
    public float[][] probabilities(FineTuneData data) {
        float[][] out = new float[data.size()][];
        int[] all = data.all();
        for (int start = 0; start < all.length; start += config.batchSize()) {
            int[] idx = java.util.Arrays.copyOfRange(all, start, Math.min(all.length, start + config.batchSize()));
            try (NDManager scope = manager.newSubManager()) {
                NDArray p = logits(store(scope), data.batch(scope, idx), false).softmax(1);
                float[] flat = p.toFloatArray();
                for (int i = 0; i < idx.length; i++) {
                    out[idx[i]] = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
                }
            }
        }
        return out;
    }

    /** Pooled embeddings [N][e] of {@code data}'s epochs as the head sees them (inference mode). */
    public float[][] embeddings(FineTuneData data) {
        float[][] out = new float[data.size()][];
        int e = embeddingDim();
        int[] all = data.all();
        for (int start = 0; start < all.length; start += config.batchSize()) {
            int[] idx = java.util.Arrays.copyOfRange(all, start, Math.min(all.length, start + config.batchSize()));
            try (NDManager scope = manager.newSubManager()) {
                float[] flat = model.pooled(store(scope), data.batch(scope, idx), config.pooling(), false).toFloatArray();
                for (int i = 0; i < idx.length; i++) {
                    out[idx[i]] = java.util.Arrays.copyOfRange(flat, i * e, (i + 1) * e);
                }
            }
        }
        return out;
    }

    private ParameterStore store(NDManager scope) {
        return lora != null ? lora.store(scope) : new ParameterStore(scope, false);
    }

    private NDArray logits(ParameterStore store, NDList batch, boolean training) {
        NDArray pooled = model.pooled(store, new NDList(batch.get(0), batch.get(1), batch.get(2)),
                config.pooling(), training);
        return head.forward(store, new NDList(pooled), training).head();
    }

    /** Mean over the batch of -log softmax(logits)[label]. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }
}

package io.neurofm.finetune;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.DecodingHead;
import io.neurofm.artifact.ModelCard;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.EmbeddingPooling;
import io.neurofm.probe.metrics.LabelMetrics;
import io.neurofm.probe.split.Fold;
import io.neurofm.probe.split.StratifiedKFold;
import io.neurofm.train.TrainingDivergedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fine-tuning job: optional stratified k-fold cross-validation (each fold fine-tunes a fresh
 * copy of the source weights and is scored on its held-out epochs), then a final fine-tuning on
 * all epochs, LoRA adapters merged, written as a new artifact with the merged backbone weights and
 * the head ({@code heads/NAME.safetensors} + {@code heads/NAME.json}).
 */
public final class FineTuneJob {
    /** Scores: per-fold balanced accuracies, their mean, and the pooled out-of-fold one. */
    public record Scores(double[] foldBalancedAccuracy, double meanBalancedAccuracy, double pooledBalancedAccuracy) {}

    /** What the job produced. */
    public record Result(Path artifact, Scores scores, double[] finalLosses, Map<String, Double> metrics) {}

    private FineTuneJob() {
    }

    /** k-fold (shuffled with the config's seed) scores of fine-tuning fresh copies of {@code source}. */
    public static Scores crossValidate(Artifact source, FineTuneData data, FineTuneConfig config, int folds,
                                       NDManager manager) throws IOException, TrainingDivergedException {
        List<Fold> split = StratifiedKFold.split(data.labels(), folds, true, config.seed());
        double[] perFold = new double[split.size()];
        int[] predicted = new int[data.size()];
        for (int f = 0; f < split.size(); f++) {
            Fold fold = split.get(f);
            try (NDManager scope = manager.newSubManager()) {
                DeeperBrainModel model = DeeperBrainArtifacts.load(source, scope);
                FineTuner tuner = new FineTuner(model, data.classCount(), config, scope);
                tuner.train(data.subset(fold.train()));
                FineTuneData test = data.subset(fold.test());
                float[][] p = tuner.probabilities(test);
                int[] yPred = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    yPred[i] = argmax(p[i]);
                    predicted[fold.test()[i]] = yPred[i];
                }
                perFold[f] = LabelMetrics.balancedAccuracy(test.labels(), yPred, data.classCount());
            }
        }
        double mean = java.util.Arrays.stream(perFold).average().orElseThrow();
        return new Scores(perFold, mean, LabelMetrics.balancedAccuracy(data.labels(), predicted, data.classCount()));
    }

    /**
     * Cross-validates when {@code folds >= 2}, fine-tunes on all of {@code data} and writes the new
     * artifact folder {@code target} (which must not exist).
     *
     * @param headName name of the head in the new artifact (heads/NAME.*)
     * @param task     what the head decodes, for heads/NAME.json and the model card
     * @param dataDescription where the epochs came from, for the model card
     */
    public static Result run(Artifact source, FineTuneData data, FineTuneConfig config, int folds, String headName,
                             String task, String dataDescription, Path target, NDManager manager)
            throws IOException, TrainingDivergedException {
        Scores scores = folds >= 2 ? crossValidate(source, data, config, folds, manager) : null;
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (scores != null) {
            metrics.put("cv_folds", (double) folds);
            metrics.put("cv_balanced_accuracy_mean", scores.meanBalancedAccuracy());
            metrics.put("cv_balanced_accuracy_pooled", scores.pooledBalancedAccuracy());
        }
        metrics.put("training_epochs", (double) data.size());
        try (NDManager scope = manager.newSubManager()) {
            DeeperBrainModel model = DeeperBrainArtifacts.load(source, scope);
            FineTuner tuner = new FineTuner(model, data.classCount(), config, scope);
            double[] losses = tuner.train(data);
            metrics.put("final_training_loss", losses[losses.length - 1]);
            if (tuner.lora() != null) {
                tuner.lora().merge();
            }
            String pooling = config.pooling() == EmbeddingPooling.MEAN ? "mean" : "power";
            DecodingHead head = new DecodingHead(data.classNames(), pooling, task, metrics,
                    rows(tuner), tuner.head().getParameters().get("bias").getArray().toFloatArray());
            ArtifactConfig sourceConfig = source.config();
            ArtifactConfig config2 = ArtifactConfig.of(sourceConfig.family(), sourceConfig.size(),
                    sourceConfig.hyperparameters());
            ModelCard card = card(source, config, headName, task, dataDescription, metrics);
            Path written = new ArtifactWriter(config2, source.preprocessing(), card, model.block())
                    .head(headName, tuner.head(), head.toJson())
                    .writeDirectory(target);
            return new Result(written, scores, losses, metrics);
        }
    }

    private static float[][] rows(FineTuner tuner) {
        var w = tuner.head().getParameters().get("weight").getArray();
        int k = (int) w.getShape().get(0);
        int d = (int) w.getShape().get(1);
        float[] flat = w.toFloatArray();
        float[][] out = new float[k][d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    private static ModelCard card(Artifact source, FineTuneConfig config, String headName, String task,
                                  String dataDescription, Map<String, Double> metrics) {
        String mode = config.mode().name().toLowerCase(Locale.ROOT);
        String how = switch (config.mode()) {
            case HEAD -> "head only (backbone frozen)";
            case FULL -> "all backbone parameters" + (config.layerDecay() < 1 ? ", layer-wise lr decay "
                    + config.layerDecay() : "");
            case LORA -> "LoRA rank " + config.lora().rank() + ", alpha " + config.lora().alpha()
                    + " on the attention projections, merged into the weights";
        };
        return new ModelCard(source.card().title() + " — fine-tuned for " + task,
                "Fine-tuned (" + how + ") from " + source.source().getFileName() + " (\"" + source.card().title()
                        + "\"). The decoding head heads/" + headName + " maps the " + config.pooling().name()
                        .toLowerCase(Locale.ROOT) + "-pooled embedding to class probabilities softmax(W e + b).",
                dataDescription,
                "Cross-entropy of a linear head on the pooled embedding, AdamW lr " + config.learningRate() + ", "
                        + config.epochs() + " passes, batch " + config.batchSize() + ", mode " + mode + ".",
                metrics,
                "Decoding " + task + " from recordings preprocessed as preprocessing.json describes.",
                "Scores come from few labelled epochs of one recording; cross-validated scores on one session say "
                        + "nothing about other subjects or sessions. " + source.card().limits().replace('\n', ' '));
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}

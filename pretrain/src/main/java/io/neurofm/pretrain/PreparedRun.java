package io.neurofm.pretrain;

import ai.djl.nn.Block;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.tokenize.TokenizerState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A family's job after {@link FamilyRecipe#prepare}: what to train and, afterwards, what to write.
 *
 * @param phases      phases in training order
 * @param modelConfig the model's config record, for run.json
 * @param inputs      the inputs with their hashes and splits, for run.json
 * @param splitSeed   seed of the train/validation split, for run.json
 * @param artifacts   the artifact's parts once every phase has finished, from the phases' results
 */
record PreparedRun(List<TrainingPhase> phases, Object modelConfig, List<InputRecord> inputs, long splitSeed,
        Function<List<TrainingPhase.Result>, ArtifactParts> artifacts) {
    PreparedRun {
        phases = List.copyOf(phases);
        inputs = List.copyOf(inputs);
    }

    /** The artifact's parts once every phase has finished. */
    ArtifactParts artifact(List<TrainingPhase.Result> results) {
        return artifacts.apply(results);
    }

    /**
     * @param sha256 file name to hash (a recording may span several files)
     * @param split  train, validation, or "train+validation" for a time split within the file
     */
    record InputRecord(String path, Map<String, String> sha256, String split) {}

    /** @param tokenizer null when the family has none */
    record ArtifactParts(ArtifactConfig config, PreprocessingSpec preprocessing, ModelCard card, Block weights,
            TokenizerState tokenizer) {}
}

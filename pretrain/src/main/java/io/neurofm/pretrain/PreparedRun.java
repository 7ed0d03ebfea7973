package io.neurofm.pretrain;

import ai.djl.nn.Block;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.tokenize.TokenizerState;
import java.util.List;
import java.util.Map;

/** A family's job after {@link FamilyRecipe#prepare}: what to train and, afterwards, what to write. */
interface PreparedRun {
    /** Phases in training order. */
    List<TrainingPhase> phases();

    /** The model's config record, for run.json. */
    Object modelConfig();

    /** The inputs with their hashes and splits, for run.json. */
    List<InputRecord> inputs();

    /** Seed of the train/validation split (for run.json). */
    long splitSeed();

    /** The artifact's parts once every phase has finished. */
    ArtifactParts artifact(List<TrainingPhase.Result> results);

    /**
     * @param sha256 file name to hash (a recording may span several files)
     * @param split  train, validation, or "train+validation" for a time split within the file
     */
    record InputRecord(String path, Map<String, String> sha256, String split) {}

    /** @param tokenizer null when the family has none */
    record ArtifactParts(ArtifactConfig config, PreprocessingSpec preprocessing, ModelCard card, Block weights,
            TokenizerState tokenizer) {}
}

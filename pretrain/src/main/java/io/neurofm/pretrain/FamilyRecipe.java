package io.neurofm.pretrain;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What one model family adds to the shared job skeleton ({@link PretrainJob}: run folder,
 * checkpoints and resume, metrics, plot, manifest, artifact, registry): its data, its model, the
 * phases it trains and what its artifact holds.
 */
interface FamilyRecipe {
    /**
     * Builds the family's data and model for a job. Called for a new run and for a resume alike;
     * whatever it derives from the data (scales, statistics, tokenizers) must come out the same both
     * times, or be saved in the run folder the first time and read back.
     */
    PreparedRun prepare(PretrainJobConfig job, Context context) throws IOException;

    /**
     * @param runDir   the run folder (absolute)
     * @param inputs   the job's inputs resolved against the data root
     * @param dataRoot folder other relative paths of the job (e.g. T1 volumes) resolve against
     * @param resuming true when the run continues from checkpoints
     * @param log      progress lines
     */
    record Context(Path runDir, List<Path> inputs, Path dataRoot, boolean resuming, PrintWriter log) {}

    static FamilyRecipe of(String family) {
        return switch (family) {
            case "meggpt" -> new MegGptRecipe();
            case "deeperbrain" -> new DeeperBrainRecipe();
            case "brainharmonix" -> new BrainHarmonixRecipe();
            default -> throw new IllegalArgumentException("no pretraining recipe for family " + family);
        };
    }
}

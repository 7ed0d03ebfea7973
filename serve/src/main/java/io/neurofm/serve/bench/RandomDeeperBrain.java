package io.neurofm.serve.bench;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A DeeperBrain artifact of another size with seeded random weights, for timing only: it keeps a
 * registered DeeperBrain artifact's preprocessing, window length, input scale and statistics length,
 * and swaps the network for a {@link DeeperBrainPreset}. The forward pass of a random network costs
 * what a trained one of the same shape costs, which is all the serving benchmark measures.
 */
public final class RandomDeeperBrain {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RandomDeeperBrain() {}

    /**
     * Writes the artifact into {@code target}'s registry as {@code deeperbrain-PRESET-random} and
     * returns its reference (NAME:VERSION).
     */
    public static String register(ModelRegistry source, String reference, DeeperBrainPreset preset,
            ModelRegistry target, Path workDir, long seed) throws IOException {
        ArtifactConfig base;
        ArtifactConfig config;
        Path written;
        try (Artifact artifact = source.open(reference)) {
            base = artifact.config();
            if (!"deeperbrain".equals(base.family())) {
                throw new IllegalArgumentException("random weights need a DeeperBrain artifact to take the "
                        + "preprocessing from; " + reference + " is " + base.family());
            }
            DeeperBrainConfig trained = JSON.treeToValue(base.hyperparameters().get("model"), DeeperBrainConfig.class);
            DeeperBrainConfig shape = preset.config().withStatisticsDim(trained.statisticsDim())
                    .withPatchLength(trained.patchLength());
            ObjectNode hyper = base.hyperparameters().deepCopy();
            hyper.set("model", JSON.valueToTree(shape));
            String size = preset.name().toLowerCase(Locale.ROOT);
            config = ArtifactConfig.of("deeperbrain", size, hyper);
            DeeperBrainModel model = new DeeperBrainModel(shape);
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed((int) seed);
                model.initialize(manager);
                ModelCard card = new ModelCard("DeeperBrain " + size + ", random weights (benchmark only)",
                        "Seeded random weights with the preprocessing of " + reference + "; for timing, not use.",
                        "None.", "None.", Map.of(), "Serving benchmarks only.", "Untrained: embeddings mean nothing.");
                written = new ArtifactWriter(config, artifact.preprocessing(), card, model.block())
                        .writeDirectory(Files.createDirectories(workDir).resolve("deeperbrain-" + size + "-random"));
            }
        }
        String name = "deeperbrain-" + config.size() + "-random";
        target.register(written, name);
        Path resolved = target.resolve(name);
        return resolved.getParent().getFileName() + ":" + resolved.getFileName();
    }
}

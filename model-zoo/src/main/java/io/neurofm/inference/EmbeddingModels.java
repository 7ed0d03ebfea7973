package io.neurofm.inference;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Loads an artifact (verified by {@link Artifact#open}) as the {@link EmbeddingModel} of its family. */
public final class EmbeddingModels {
    /** Families with an inference path. */
    public static final List<String> FAMILIES = List.of("meggpt", "deeperbrain");

    private EmbeddingModels() {}

    /** A registered model, NAME or NAME:VERSION, on {@code device} (null = the engine's default). */
    public static EmbeddingModel load(ModelRegistry registry, String reference, Device device) throws IOException {
        Path path = registry.resolve(reference);
        String name = path.getParent().getFileName() + ":" + path.getFileName();
        try (Artifact artifact = Artifact.open(path)) {
            return load(artifact, name, device);
        }
    }

    /** An opened artifact; the weights are read now, so the artifact may be closed afterwards. */
    public static EmbeddingModel load(Artifact artifact, String reference, Device device) throws IOException {
        return load(artifact, reference, device, null);
    }

    /**
     * The artifact's random-init twin: the same family, architecture, hyperparameters and
     * preprocessing, with fresh weights from the family's initialisers seeded with {@code seed}
     * instead of the trained ones. Frozen-probe baselines compare a model against it, so what
     * the training added is separated from what the architecture and preprocessing give alone.
     */
    public static EmbeddingModel loadRandomInit(Artifact artifact, String reference, int seed, Device device)
            throws IOException {
        return load(artifact, reference + " (random init, seed " + seed + ")", device, seed);
    }

    private static EmbeddingModel load(Artifact artifact, String reference, Device device, Integer randomSeed)
            throws IOException {
        String family = artifact.config().family();
        NDManager manager = NDManager.newBaseManager(device);
        try {
            return switch (family) {
                case "meggpt" -> new MegGptEmbeddingModel(artifact, reference, manager, randomSeed);
                case "deeperbrain" -> new DeeperBrainEmbeddingModel(artifact, reference, manager, randomSeed);
                default -> throw new IllegalArgumentException(artifact.source() + ": family '" + family
                        + "' has no embedding path (those that do: " + FAMILIES + ")");
            };
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}

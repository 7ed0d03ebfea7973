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
        String family = artifact.config().family();
        NDManager manager = NDManager.newBaseManager(device);
        try {
            return switch (family) {
                case "meggpt" -> new MegGptEmbeddingModel(artifact, reference, manager);
                case "deeperbrain" -> new DeeperBrainEmbeddingModel(artifact, reference, manager);
                default -> throw new IllegalArgumentException(artifact.source() + ": family '" + family
                        + "' has no embedding path (those that do: " + FAMILIES + ")");
            };
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}

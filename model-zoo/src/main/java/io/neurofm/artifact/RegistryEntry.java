package io.neurofm.artifact;

import java.nio.file.Path;

/**
 * One version of a model in a registry, as listed. config and card are null, and problem says why,
 * when the version folder is not a readable artifact.
 */
public record RegistryEntry(String name, String version, Path path, ArtifactConfig config, ModelCard card,
        String problem) {
    public String ref() {
        return name + ":" + version;
    }
}

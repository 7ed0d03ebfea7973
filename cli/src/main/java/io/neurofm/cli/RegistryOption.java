package io.neurofm.cli;

import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ArtifactException;
import io.neurofm.artifact.ModelRef;
import io.neurofm.artifact.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --registry DIR} for the models verbs, and how NAME[:VERSION]|PATH arguments are resolved. */
final class RegistryOption {
    @Option(names = "--registry", paramLabel = "DIR",
            description = "Model registry folder (default: $" + ModelRegistry.ENV + ", else ~/.neurofm/models).")
    Path registry;

    ModelRegistry registry() {
        return ModelRegistry.locate(registry);
    }

    /**
     * The artifact folder or zip an argument names: a registry reference when it reads as
     * NAME[:VERSION] and the registry has it; otherwise a path (anything with a '/', a .zip, or an
     * existing folder of that name).
     */
    Path locate(String arg) throws IOException {
        boolean pathLike = arg.contains("/") || arg.contains(java.io.File.separator)
                || arg.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") || !ModelRef.isRef(arg);
        if (pathLike) {
            Path path = Path.of(arg);
            if (!Files.exists(path)) {
                throw new ArtifactException(path.toAbsolutePath(), null, "no such artifact folder or zip");
            }
            return path;
        }
        try {
            return registry().resolve(arg);
        } catch (ArtifactException e) {
            if (Files.isDirectory(Path.of(arg))) {
                return Path.of(arg);
            }
            throw e;
        }
    }

    /** How reports name a model: NAME:VERSION for a registry model, else the path as given. */
    static String reference(String arg, Path located) {
        return located.equals(Path.of(arg)) || located.getParent() == null ? arg
                : located.getParent().getFileName() + ":" + located.getFileName();
    }

    Artifact open(String arg) throws IOException {
        return Artifact.open(locate(arg));
    }
}

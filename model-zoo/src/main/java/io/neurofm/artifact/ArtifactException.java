package io.neurofm.artifact;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model artifact that is missing, incomplete, tampered with or malformed. {@link #file()} names
 * the first offending file inside the artifact (a relative path such as {@code model.safetensors})
 * when there is one.
 */
public final class ArtifactException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path artifact;
    private final String file;

    public ArtifactException(Path artifact, String file, String message) {
        this(artifact, file, message, null);
    }

    public ArtifactException(Path artifact, String file, String message, Throwable cause) {
        super(artifact + (file == null ? "" : ": " + file) + ": " + message, cause);
        this.artifact = artifact;
        this.file = file;
    }

    /** The artifact directory or zip. */
    public Path artifact() {
        return artifact;
    }

    /** The offending file's path relative to the artifact root, or null when none applies. */
    public String file() {
        return file;
    }
}

package io.neurofm.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the embedded defaults live: the shared real recordings and the work folder. */
final class DataPaths {
    private DataPaths() {
    }

    /**
     * The shared data folder: {@code -Dneurofm.data}, else {@code $NEUROFM_DATA}, else
     * {@code ../shared/data} beside the repository the launcher runs from.
     */
    static Path sharedData() {
        String configured = System.getProperty("neurofm.data", System.getenv("NEUROFM_DATA"));
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of(System.getProperty("neurofm.root", "."));
        return root.toAbsolutePath().normalize().resolveSibling("shared").resolve("data");
    }

    static Path sharedFile(String relative) {
        Path file = sharedData().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("shared data file not found: " + file
                    + " (set NEUROFM_DATA to the folder that holds eeg/, meg/, fmri/, mri/)");
        }
        return file;
    }
}

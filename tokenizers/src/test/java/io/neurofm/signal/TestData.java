package io.neurofm.signal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real recordings (../shared/data), located through the neurofm.data property Maven sets. */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        String configured = System.getProperty("neurofm.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        root = root.toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(root), "shared data folder not found at " + root);
        return root;
    }

    /** A file under the shared data folder, e.g. {@code file("eeg/test.vhdr")}; fails if absent. */
    public static Path file(String relative) {
        Path path = root().resolve(relative);
        assertTrue(Files.isRegularFile(path), "shared data file missing: " + path);
        return path;
    }
}

package io.neurofm.serve.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real shared recordings (never edited): -Dneurofm.data (set by the build), else ../../shared/data. */
final class SharedData {
    private SharedData() {}

    static Path file(String relative) {
        String configured = System.getProperty("neurofm.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        Path file = root.resolve(relative).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }
}

package io.neurofm.spark;

import io.neurofm.signal.Readers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The recordings a job's inputs name, in output order. */
final class InputRecordings {
    private InputRecordings() {
    }

    /**
     * Each input in the order given; a folder becomes every file below it whose name ends in an
     * ending some reader claims ({@link Readers#supportedExtensions}), sorted by path within the folder.
     */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            Path absolute = input.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(absolute)) {
                    found = walk.filter(Files::isRegularFile).filter(InputRecordings::claimed)
                            .sorted((a, b) -> absolute.relativize(a).toString().compareTo(absolute.relativize(b).toString()))
                            .toList();
                }
                if (found.isEmpty()) {
                    throw new IllegalArgumentException(input + " holds no recordings (file endings "
                            + String.join(" ", Readers.supportedExtensions()) + ")");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(absolute)) {
                files.add(absolute);
            } else {
                throw new IllegalArgumentException(input + " does not exist");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input recordings");
        }
        return files;
    }

    private static boolean claimed(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Readers.supportedExtensions().stream().anyMatch(name::endsWith);
    }
}

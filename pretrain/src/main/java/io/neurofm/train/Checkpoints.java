package io.neurofm.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoint directories under {@code <run>/checkpoints/}: {@code step-00000040/} holds
 * {@code model.safetensors}, {@code optimizer.safetensors}, {@code state.json} and
 * {@code metrics.jsonl}. A checkpoint is written into a hidden temporary directory, every file is
 * forced to disk, and only then is the directory renamed to its final name, so a directory called
 * {@code step-*} is always complete whatever moment the process dies; leftover temporary
 * directories are removed on the next write or resume.
 */
public final class Checkpoints {
    /** Writes a checkpoint's files into the (temporary) directory it is given. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path directory) throws IOException;
    }

    private static final Pattern NAME = Pattern.compile("step-(\\d{8,})");
    private static final String TEMP_PREFIX = ".tmp-";

    private Checkpoints() {}

    public static Path directory(Path runDir) {
        return runDir.resolve("checkpoints");
    }

    public static String name(long step) {
        return String.format("step-%08d", step);
    }

    /** Every complete checkpoint, oldest first. */
    public static List<Path> list(Path runDir) throws IOException {
        Path dir = directory(runDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::stepOf)).toList();
        }
    }

    public static Optional<Path> latest(Path runDir) throws IOException {
        List<Path> all = list(runDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public static long stepOf(Path checkpoint) {
        Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not a checkpoint directory (step-NNNNNNNN)");
        }
        return Long.parseLong(m.group(1));
    }

    /** Writes the checkpoint of {@code step} atomically, then deletes all but the newest {@code keep}. */
    public static Path write(Path runDir, long step, int keep, Contents contents) throws IOException {
        Path dir = directory(runDir);
        Files.createDirectories(dir);
        removeTemporaries(runDir);
        Path target = dir.resolve(name(step));
        Path temp = Files.createTempDirectory(dir, TEMP_PREFIX + name(step) + "-");
        try {
            contents.writeTo(temp);
            try (Stream<Path> files = Files.list(temp)) {
                for (Path f : files.toList()) {
                    try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        c.force(true);
                    }
                }
            }
            if (Files.exists(target)) {
                deleteTree(target);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            forceDirectory(dir);
        } finally {
            if (Files.exists(temp)) {
                deleteTree(temp);
            }
        }
        List<Path> all = list(runDir);
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
        return target;
    }

    /** Deletes half-written checkpoints left by a process that died while writing. */
    public static void removeTemporaries(Path runDir) throws IOException {
        Path dir = directory(runDir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void forceDirectory(Path dir) {
        // Makes the rename durable where the platform allows opening a directory; harmless otherwise.
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // not supported on this file system
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}

package io.neurofm.signal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes files so that a reader never sees half of one: each is written to a temporary file in
 * the target's folder and renamed over the target only when complete.
 */
public final class AtomicFiles {
    /** Produces a file's content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws IOException {
        writeAll(List.of(target), List.of(content));
    }

    /**
     * Writes every target to its temporary file first, and renames them only when all are written,
     * so a failure leaves the previous versions (or nothing) in place.
     */
    public static void writeAll(List<Path> targets, List<Content> contents) throws IOException {
        List<Path> temps = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                Path target = targets.get(i).toAbsolutePath();
                Path temp = temporaryBeside(target);
                temps.add(temp);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    contents.get(i).writeTo(out);
                }
            }
            for (int i = 0; i < targets.size(); i++) {
                move(temps.get(i), targets.get(i).toAbsolutePath());
            }
        } finally {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Writes bytes to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** A new empty temporary file beside {@code target}, for writers that stream into it before {@link #move}. */
    public static Path temporaryBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        return Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
    }

    /** Renames a finished temporary file over the target, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

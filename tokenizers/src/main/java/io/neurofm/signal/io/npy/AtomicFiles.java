package io.neurofm.signal.io.npy;

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
final class AtomicFiles {
    /** Produces a file's content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, Content content) throws IOException {
        writeAll(List.of(target), List.of(content));
    }

    /**
     * Writes every target to its temporary file first, and renames them only when all are written,
     * so a failure leaves the previous versions (or nothing) in place.
     */
    static void writeAll(List<Path> targets, List<Content> contents) throws IOException {
        List<Path> temps = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                Path target = targets.get(i).toAbsolutePath();
                Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
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

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

package io.neurofm.artifact;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting staging folders and opening up the permissions of finished artifacts. */
final class FileTrees {
    private FileTrees() {
    }

    /** Deletes a folder and everything under it, never following symbolic links; quiet when absent. */
    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    /** Deletes quietly, for cleanup after another failure (which is the error worth reporting). */
    static void deleteTreeQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException ignored) {
            // The original failure is what the caller reports; a leftover hidden temp folder is harmless.
        }
    }

    /**
     * Temporary files and folders are created owner-only; a finished artifact is readable by
     * everyone who can read its parent, like any file the user writes (rw-r--r--, rwxr-xr-x).
     */
    static void makeReadable(Path root) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.toList();
        }
        for (Path p : all) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}

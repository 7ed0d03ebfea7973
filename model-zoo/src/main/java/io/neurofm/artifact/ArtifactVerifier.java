package io.neurofm.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks an artifact folder against its checksums.sha256 before anything in it is parsed: every
 * listed file exists and has its digest, no unlisted file is present, every file belongs to the
 * layout and the required files are there.
 */
final class ArtifactVerifier {
    private ArtifactVerifier() {
    }

    /**
     * Verifies {@code root} and returns the listed path -> digest.
     *
     * @param source the artifact as the caller named it (the zip, for an extracted zip), for messages
     */
    static SortedMap<String, String> verify(Path source, Path root) throws IOException {
        SortedMap<String, String> listed = readChecksums(source, root);
        TreeSet<String> present = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = ArtifactLayout.relative(root, p);
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(new Problem(rel, "is a symbolic link or special file; an artifact holds only regular files"));
                } else if (!rel.equals(ArtifactLayout.CHECKSUMS)) {
                    present.add(rel);
                }
            }
        }
        for (String rel : listed.keySet()) {
            if (!present.contains(rel)) {
                problems.add(new Problem(rel, "is listed in " + ArtifactLayout.CHECKSUMS + " but missing (incomplete artifact)"));
            }
        }
        for (String rel : present) {
            if (!listed.containsKey(rel)) {
                problems.add(new Problem(rel, "is present but not listed in " + ArtifactLayout.CHECKSUMS));
            }
        }
        for (String rel : listed.keySet()) {
            String layout = ArtifactLayout.problemWith(rel);
            if (layout != null) {
                problems.add(new Problem(rel, layout));
            }
        }
        for (String required : ArtifactLayout.REQUIRED) {
            if (!listed.containsKey(required)) {
                problems.add(new Problem(required, "is required but not listed in " + ArtifactLayout.CHECKSUMS));
            }
        }
        if (listed.containsKey(ArtifactLayout.TOKENIZER_TENSORS) && !listed.containsKey(ArtifactLayout.TOKENIZER)) {
            problems.add(new Problem(ArtifactLayout.TOKENIZER_TENSORS, "is present without "
                    + ArtifactLayout.TOKENIZER));
        }
        for (var e : listed.entrySet()) {
            if (present.contains(e.getKey())) {
                String actual = Checksums.sha256(root.resolve(e.getKey()));
                if (!actual.equals(e.getValue())) {
                    problems.add(new Problem(e.getKey(), "checksum mismatch (tampered or corrupted): sha256 expected "
                            + e.getValue() + ", actual " + actual));
                }
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder(problems.get(0).message);
            for (int i = 1; i < problems.size(); i++) {
                message.append("; also ").append(problems.get(i).file).append(' ').append(problems.get(i).message);
            }
            throw new ArtifactException(source, problems.get(0).file, message.toString());
        }
        return listed;
    }

    private static SortedMap<String, String> readChecksums(Path source, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new ArtifactException(source, null, "not an artifact: neither a folder nor a .zip file");
        }
        Path file = root.resolve(ArtifactLayout.CHECKSUMS);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArtifactException(source, ArtifactLayout.CHECKSUMS, "missing (incomplete artifact, or not an artifact)");
        }
        return Checksums.parse(source, Files.readAllBytes(file));
    }

    /**
     * Reads one listed file after checking its digest, for callers that parse a single file (the
     * registry listing) without hashing the weights.
     */
    static byte[] readVerified(Path root, String rel) throws IOException {
        SortedMap<String, String> listed = readChecksums(root, root);
        String expected = listed.get(rel);
        if (expected == null) {
            throw new ArtifactException(root, rel, "is not listed in " + ArtifactLayout.CHECKSUMS);
        }
        Path file = root.resolve(rel);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArtifactException(root, rel, "is listed in " + ArtifactLayout.CHECKSUMS + " but missing");
        }
        byte[] bytes = Files.readAllBytes(file);
        String actual = java.util.HexFormat.of().formatHex(sha256(bytes));
        if (!actual.equals(expected)) {
            throw new ArtifactException(root, rel, "checksum mismatch (tampered or corrupted): sha256 expected "
                    + expected + ", actual " + actual);
        }
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Problem(String file, String message) {
    }
}

package io.neurofm.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * checksums.sha256 in the format {@code sha256sum} writes and {@code sha256sum -c} checks: one
 * line per file, lowercase hex digest, two spaces, relative path, sorted by path, "\n" endings.
 * Reading accepts only that exact (canonical) form, so any changed byte in the checksum file
 * itself is refused rather than read as an equivalent spelling.
 */
public final class Checksums {
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([^\\n]+)");

    private Checksums() {
    }

    /** The lowercase hex sha256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The file text for path -> digest (sorted by path). */
    public static String render(Map<String, String> digests) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(digests).forEach((path, hex) -> b.append(hex).append("  ").append(path).append('\n'));
        return b.toString();
    }

    /**
     * Parses checksum text into path -> digest, sorted by path.
     *
     * @throws ArtifactException naming the checksum file and the first bad line
     */
    public static TreeMap<String, String> parse(Path artifact, byte[] bytes) throws ArtifactException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        TreeMap<String, String> digests = new TreeMap<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw bad(artifact, "the last line does not end with a newline");
        }
        String[] lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
        String previous = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                throw bad(artifact, "line " + (i + 1) + " is not '<64 lowercase hex digits>  <relative path>'");
            }
            String path = m.group(2);
            if (!ArtifactLayout.isSafePath(path)) {
                throw bad(artifact, "line " + (i + 1) + " names \"" + path + "\", which is not a plain relative path");
            }
            if (path.equals(ArtifactLayout.CHECKSUMS)) {
                throw bad(artifact, "line " + (i + 1) + " lists the checksum file itself");
            }
            if (previous != null && previous.compareTo(path) >= 0) {
                throw bad(artifact, "line " + (i + 1) + " (" + path + ") is "
                        + (previous.equals(path) ? "a duplicate" : "out of order") + "; paths must be sorted and unique");
            }
            previous = path;
            digests.put(path, m.group(1));
        }
        byte[] canonical = render(digests).getBytes(StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(canonical, bytes)) {
            throw bad(artifact, "not in canonical form (UTF-8, sorted, '\\n' line endings)");
        }
        return digests;
    }

    private static ArtifactException bad(Path artifact, String message) {
        return new ArtifactException(artifact, ArtifactLayout.CHECKSUMS, message);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any changed byte, missing file or extra file makes open() and verify() refuse, naming the file. */
class TamperTest {
    @TempDir
    static Path shared;
    private static Path artifact;
    private static List<String> allFiles;

    @BeforeAll
    static void writeOnce() throws IOException {
        artifact = ArtifactTest.writeFull(shared);
        allFiles = new ArrayList<>();
        try (Stream<Path> s = Files.walk(artifact)) {
            s.filter(Files::isRegularFile).forEach(p -> allFiles.add(ArtifactLayout.relative(artifact, p)));
        }
        allFiles.sort(null);
        assertEquals(8, allFiles.size(), allFiles.toString());
    }

    private static Path copy(Path into) throws IOException {
        Path target = into.resolve("copy");
        for (String rel : allFiles) {
            Files.createDirectories(target.resolve(rel).getParent());
            Files.copy(artifact.resolve(rel), target.resolve(rel));
        }
        return target;
    }

    @Test
    void flippingAnySingleByteOfAnyFileIsRefused(@TempDir Path dir) throws IOException {
        int cases = 0;
        for (String rel : allFiles) {
            long size = Files.size(artifact.resolve(rel));
            for (long position : new long[] {0, size / 2, size - 1}) {
                for (int mask : new int[] {0x01, 0x80}) {
                    Path copy = copy(Files.createTempDirectory(dir, "case"));
                    byte[] bytes = Files.readAllBytes(copy.resolve(rel));
                    bytes[(int) position] ^= (byte) mask;
                    Files.write(copy.resolve(rel), bytes);
                    String label = rel + " byte " + position + " ^ " + mask;
                    ArtifactException opened = assertThrows(ArtifactException.class, () -> Artifact.open(copy), label);
                    ArtifactException verified = assertThrows(ArtifactException.class, () -> Artifact.verify(copy),
                            label);
                    assertEquals(opened.getMessage(), verified.getMessage(), label);
                    if (rel.equals(ArtifactLayout.CHECKSUMS)) {
                        // The list itself changed: either it no longer parses, or a listed digest or name
                        // no longer matches a file; either way a file is named.
                        assertTrue(opened.file() != null, label + ": " + opened.getMessage());
                    } else {
                        assertEquals(rel, opened.file(), label + ": " + opened.getMessage());
                        String expected = Checksums.sha256(artifact.resolve(rel));
                        String actual = Checksums.sha256(copy.resolve(rel));
                        assertTrue(opened.getMessage().contains("sha256 expected " + expected + ", actual " + actual),
                                label + ": " + opened.getMessage());
                    }
                    cases++;
                }
            }
        }
        assertEquals(8 * 3 * 2, cases);
    }

    @Test
    void everyMissingFileIsRefusedByName(@TempDir Path dir) throws IOException {
        for (String rel : allFiles) {
            Path copy = copy(Files.createTempDirectory(dir, "case"));
            Files.delete(copy.resolve(rel));
            ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.open(copy), rel);
            assertEquals(rel, e.file(), e.getMessage());
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        }
    }

    @Test
    void unlistedFilesAndLinksAreRefused(@TempDir Path dir) throws IOException {
        for (String extra : List.of("notes.txt", "heads/extra.safetensors", ".hidden")) {
            Path copy = copy(Files.createTempDirectory(dir, "case"));
            Files.writeString(copy.resolve(extra), "x");
            ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.open(copy), extra);
            assertEquals(extra, e.file(), e.getMessage());
            assertTrue(e.getMessage().contains("is present but not listed in checksums.sha256"), e.getMessage());
        }
        Path linked = copy(Files.createTempDirectory(dir, "case"));
        Files.delete(linked.resolve("model_card.md"));
        Files.createSymbolicLink(linked.resolve("model_card.md"), artifact.resolve("model_card.md"));
        ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.open(linked));
        assertEquals("model_card.md", e.file());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void listedFilesOutsideTheLayoutAreRefused(@TempDir Path dir) throws IOException {
        Path copy = copy(dir);
        Files.writeString(copy.resolve("notes.txt"), "x");
        ArtifactWriter.writeChecksums(copy);
        ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.open(copy));
        assertEquals("notes.txt", e.file());
        assertTrue(e.getMessage().contains("not part of the artifact layout"), e.getMessage());
    }

    @Test
    void checksumFileMustBeCanonical(@TempDir Path dir) throws IOException {
        String canonical = Files.readString(artifact.resolve("checksums.sha256"));
        String[] lines = canonical.split("\n");
        List<String> variants = List.of(
                canonical.replace("\n", "\r\n"),                        // CRLF
                canonical.substring(0, canonical.length() - 1),          // no final newline
                lines[1] + "\n" + lines[0] + "\n" + canonical.substring(lines[0].length() + lines[1].length() + 2),
                canonical.replace("  ", " *"),                           // sha256sum's binary marker
                canonical.toUpperCase(java.util.Locale.ROOT));           // uppercase digests
        for (String variant : variants) {
            Path copy = copy(Files.createTempDirectory(dir, "case"));
            Files.writeString(copy.resolve("checksums.sha256"), variant);
            ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.verify(copy));
            assertEquals("checksums.sha256", e.file(), e.getMessage());
        }
        Path none = copy(Files.createTempDirectory(dir, "case"));
        Files.delete(none.resolve("checksums.sha256"));
        ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.verify(none));
        assertTrue(e.getMessage().contains("checksums.sha256: missing"), e.getMessage());
    }

    /**
     * 100 seeded single-byte changes anywhere in the zip: each is refused with an ArtifactException, or
     * (a change in zip bookkeeping that does not alter any file, e.g. a timestamp) opens with exactly
     * the original digests.
     */
    @Test
    void mutatedZipsAreRefusedOrUnchanged(@TempDir Path dir) throws IOException {
        Path zip;
        try (NDManager manager = NDManager.newBaseManager()) {
            zip = ArtifactFixtures.writer(manager, ArtifactFixtures.stack(manager, 11)).writeZip(dir.resolve("t.zip"));
        }
        SortedMap<String, String> digests;
        try (Artifact original = Artifact.open(zip)) {
            digests = original.digests();
        }
        byte[] bytes = Files.readAllBytes(zip);
        Random random = new Random(20260412);
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            byte[] mutated = bytes.clone();
            int position = random.nextInt(mutated.length);
            mutated[position] ^= (byte) (1 + random.nextInt(255));
            Path m = dir.resolve("m" + i + ".zip");
            Files.write(m, mutated);
            try (Artifact opened = Artifact.open(m)) {
                assertEquals(digests, opened.digests(), "byte " + position);
            } catch (ArtifactException e) {
                refused++;
            }
            Files.delete(m);
        }
        assertTrue(refused > 75, refused + " of 100 refused");
    }
}

package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile zips: entries that leave the folder, lie about their size, or are not zips at all. */
class ZipArtifactsTest {
    private static Path zipWith(Path file, String name, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void entriesThatCouldLeaveTheFolderAreRefused(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"../evil.txt", "/etc/evil", "heads/../../evil", "a\\..\\evil", "./x"}) {
            Path zip = zipWith(dir.resolve("e.zip"), name, new byte[] {1});
            Path into = Files.createTempDirectory(dir, "into");
            ArtifactException e = assertThrows(ArtifactException.class, () -> ZipArtifacts.extract(zip, into), name);
            assertTrue(e.getMessage().contains("not a plain relative path"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("evil.txt")));
            Files.delete(zip);
        }
    }

    @Test
    void anEntryThatInflatesBeyondItsDeclaredSizeIsRefused(@TempDir Path dir) throws IOException {
        byte[] content = new byte[100_000];
        Path zip = zipWith(dir.resolve("bomb.zip"), "model.safetensors", content);
        byte[] bytes = Files.readAllBytes(zip);
        // Central directory header: signature 0x02014b50, uncompressed size at offset 24.
        int cd = -1;
        for (int i = bytes.length - 4; i >= 0; i--) {
            if (ByteBuffer.wrap(bytes, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == 0x02014b50) {
                cd = i;
                break;
            }
        }
        assertTrue(cd >= 0);
        ByteBuffer.wrap(bytes, cd + 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(10);
        Files.write(zip, bytes);
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> ZipArtifacts.extract(zip, Files.createTempDirectory(dir, "into")));
        assertEquals("model.safetensors", e.file());
        assertTrue(e.getMessage().contains("inflates beyond its declared size of 10 bytes"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsRefusedAndLeavesNoTemporaryFolder(@TempDir Path dir) throws IOException {
        Path fake = Files.writeString(dir.resolve("model.zip"), "not a zip", StandardCharsets.UTF_8);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var s = Files.list(tmp)) {
            before = s.filter(p -> p.getFileName().toString().startsWith("neurofm-artifact-")).count();
        }
        ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.open(fake));
        assertTrue(e.getMessage().contains("cannot extract the zip"), e.getMessage());
        try (var s = Files.list(tmp)) {
            assertEquals(before, s.filter(p -> p.getFileName().toString().startsWith("neurofm-artifact-")).count());
        }
        ArtifactException notArtifact = assertThrows(ArtifactException.class,
                () -> Artifact.open(Files.writeString(dir.resolve("x.bin"), "x")));
        assertTrue(notArtifact.getMessage().contains("neither a folder nor a .zip file"), notArtifact.getMessage());
    }
}

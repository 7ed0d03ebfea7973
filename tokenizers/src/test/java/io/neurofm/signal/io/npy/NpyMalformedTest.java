package io.neurofm.signal.io.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made broken .npy/.npz files, zip bombs, and a seeded mutation loop over numpy's own files. */
class NpyMalformedTest {
    @TempDir
    Path dir;

    private static void assertFormatError(Executable read, String... mentions) {
        SignalFormatException e = assertThrows(SignalFormatException.class, read);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "should mention " + m + ": " + e.getMessage());
        }
    }

    /** A v1.0 .npy with the given header dict and data bytes. */
    private Path npy(String name, String dict, int dataBytes) throws IOException {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeaderParser.MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void badPreambles() throws IOException {
        Path p = npy("magic.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8);
        byte[] b = Files.readAllBytes(p);
        b[1] = 'X';
        Files.write(p, b);
        assertFormatError(() -> Npy.read(p), "magic", "\\x93NUMPY");
        b[1] = 'N';
        b[6] = 4;
        Files.write(p, b);
        assertFormatError(() -> Npy.read(p), "version", "4.0");
        Files.write(p, Arrays.copyOf(b, 5));
        assertFormatError(() -> Npy.read(p), "preamble");
        // a version 2.0 header claiming 2 GB of header text
        ByteBuffer huge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        huge.put(NpyHeaderParser.MAGIC).put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE);
        Files.write(p, huge.array());
        assertFormatError(() -> Npy.read(p), "header length", "at most");
    }

    @Test
    void badHeaderDicts() throws IOException {
        assertFormatError(() -> Npy.read(npy("a.npy", "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", 8)),
                "descr", "'<c8'");
        assertFormatError(() -> Npy.read(npy("b.npy", "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", 12)),
                "descr");
        assertFormatError(() -> Npy.read(npy("c.npy", "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                4)), "header");
        assertFormatError(() -> Npy.read(npy("d.npy", "{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }", 4)),
                "descr");
        assertFormatError(() -> Npy.read(npy("e.npy", "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", 4)),
                "header");
        assertFormatError(() -> Npy.read(npy("f.npy", "{'descr': '<f4', 'shape': (1,), }", 4)), "exactly the keys");
        assertFormatError(() -> Npy.read(npy("g.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", 4)),
                "shape");
        assertFormatError(() -> Npy.read(npy("h.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1,) ", 4)),
                "header");
        assertFormatError(() -> Npy.read(npy("i.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } x", 4)),
                "only spaces");
    }

    @Test
    void declaredSizesMustMatchTheFile() throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
        assertFormatError(() -> Npy.read(npy("short.npy", dict, 95)), "shape", "96 bytes of data", "95 bytes");
        assertFormatError(() -> Npy.read(npy("long.npy", dict, 97)), "shape", "97 bytes");
        assertFormatError(() -> Npy.read(npy("huge.npy",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, 1099511627776), }", 8)), "shape");
        assertFormatError(() -> Npy.read(npy("big.npy",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,), }", 8)), "shape", "8000000000 bytes");
    }

    @Test
    void notAZipOrNotNpyEntries() throws IOException {
        Path notZip = Files.write(dir.resolve("x.npz"), "hello".getBytes());
        assertFormatError(() -> Npz.read(notZip), "zip");
        Path other = dir.resolve("other.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hi".getBytes());
            zip.closeEntry();
        }
        assertFormatError(() -> Npz.read(other), "readme.txt", ".npy");
    }

    @Test
    void zipBombsAreRefusedBeforeInflating() throws IOException {
        // 64 MiB of zeros deflates to about 64 KiB
        Path bomb = dir.resolve("bomb.npz");
        Npz.write(bomb, Map.of("zeros", NpyArray.ofFloats(new long[] {1 << 24}, new float[1 << 24])), true);
        assertTrue(Files.size(bomb) < 1 << 20);
        assertFormatError(() -> Npz.read(bomb, 1 << 20), "zeros.npy", "at most 1048576 bytes");

        // the same archive whose directory claims 2 GB uncompressed: more than deflate can produce
        byte[] b = Files.readAllBytes(bomb);
        int cen = lastIndexOf(b, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(cen + 24, Integer.MAX_VALUE);
        Path liar = Files.write(dir.resolve("liar.npz"), b);
        assertFormatError(() -> Npz.read(liar), "zeros.npy size", "deflate's limit");
        assertFormatError(() -> new NpzRecordingReader().open(liar, OpenOptions.withSamplingRate(1)), "deflate's limit");
    }

    @Test
    void corruptDeflateStream() throws IOException {
        Path p = dir.resolve("c.npz");
        float[] ramp = new float[100_000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (float) Math.sin(i * 0.01);
        }
        Npz.write(p, Map.of("data", NpyArray.ofFloats(new long[] {1, ramp.length}, ramp)), true);
        byte[] b = Files.readAllBytes(p);
        for (int i = 200; i < b.length / 2; i += 97) {
            b[i] ^= 0x5A;
        }
        Path broken = Files.write(dir.resolve("broken.npz"), b);
        assertThrows(SignalFormatException.class, () -> Npz.read(broken));
        assertThrows(SignalFormatException.class, () -> {
            try (SignalFile f = new NpzRecordingReader().open(broken, OpenOptions.withSamplingRate(1))) {
                f.readAll();
            }
        });
    }

    @Test
    void recordingShapesOtherThanChannelsBySamples() throws IOException {
        Path p = dir.resolve("cube.npy");
        Npy.write(p, NpyArray.ofFloats(new long[] {2, 2, 2}, new float[8]));
        assertFormatError(() -> new NpzRecordingReader().open(p, OpenOptions.withSamplingRate(1)),
                "shape", "[channels, samples]");
        Path none = dir.resolve("none.npy");
        Npy.write(none, NpyArray.ofFloats(new long[] {0, 5}, new float[0]));
        assertFormatError(() -> new NpzRecordingReader().open(none, OpenOptions.withSamplingRate(1)), "shape");
        Path two = dir.resolve("two.npz");
        Npz.write(two, Map.of("a", NpyArray.ofFloats(new long[] {1, 1}, new float[1]),
                "b", NpyArray.ofFloats(new long[] {1, 1}, new float[1])), false);
        assertFormatError(() -> new NpzRecordingReader().open(two, OpenOptions.withSamplingRate(1)), "\"data\"");
    }

    /**
     * 300 seeded mutations (bit flips, byte overwrites, truncations) of numpy's savez,
     * savez_compressed and .npy files and of a recording our writer made with its sidecar: every
     * outcome is success or a SignalException.
     */
    @Test
    void mutatedFilesGiveOnlySignalExceptions() throws IOException {
        Path rec = dir.resolve("rec.npz");
        NpzRecordingWriter.write(NpzRecordingTest.sample(), rec);
        byte[][] originals = {
            Files.readAllBytes(NpyGoldenTest.resource("savez.npz")),
            Files.readAllBytes(NpyGoldenTest.resource("savez_compressed.npz")),
            Files.readAllBytes(NpyGoldenTest.resource("v3.npy")),
            Files.readAllBytes(NpyGoldenTest.resource("bare_recording_fortran.npy")),
            Files.readAllBytes(rec),
            Files.readAllBytes(dir.resolve("rec.json")),
        };
        byte[] recNpz = originals[4];
        byte[] recJson = originals[5];
        Random random = new Random(20261127);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            int which = random.nextInt(originals.length);
            byte[] mutated = mutate(originals[which], random);
            try {
                switch (which) {
                    case 0, 1 -> {
                        Path p = Files.write(dir.resolve("m.npz"), mutated);
                        Npz.read(p);
                        readRecording(p);
                    }
                    case 2, 3 -> {
                        Path p = Files.write(dir.resolve("m.npy"), mutated);
                        Npy.read(p);
                        readRecording(p);
                    }
                    default -> {
                        Files.write(rec, which == 4 ? mutated : recNpz);
                        Files.write(dir.resolve("rec.json"), which == 5 ? mutated : recJson);
                        try (SignalFile f = new NpzRecordingReader().open(rec, OpenOptions.DEFAULT)) {
                            f.readAll();
                        }
                    }
                }
            } catch (SignalException e) {
                refused++;
            } catch (Exception | Error e) {
                fail("mutation " + i + " of file " + which + " gave " + e, e);
            }
        }
        System.out.println("NPY/NPZ mutation loop: " + refused + " of 300 refused with a SignalException");
        assertTrue(refused > 50, refused + " of 300 refused");
    }

    private static void readRecording(Path p) throws IOException {
        try (SignalFile f = new NpzRecordingReader().open(p, OpenOptions.withSamplingRate(100))) {
            f.readAll();
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                return Arrays.copyOf(b, random.nextInt(b.length));
            }
            case 1 -> {
                for (int e = 0; e < 1 + random.nextInt(8); e++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            default -> {
                // overwrite within the first 200 bytes, where headers and zip records live
                for (int e = 0; e < 1 + random.nextInt(4); e++) {
                    b[random.nextInt(Math.min(200, b.length))] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    private static int lastIndexOf(byte[] b, byte[] pattern) {
        for (int i = b.length - pattern.length; i >= 0; i--) {
            if (Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void writerUsesNumpysHeaderLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyArray a = NpyArray.ofLongs(new long[] {2, 2}, new long[] {1, 2, 3, 4});
        Npy.write(out, a);
        byte[] bytes = out.toByteArray();
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        // numpy's layout: the dict, spaces, a newline, and the data 64-byte aligned right after
        assertTrue(header.startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), } "), header);
        assertTrue(header.endsWith(" \n") && header.strip().endsWith("}"), header);
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals(10 + headerLength + 32, bytes.length);
    }
}

package io.neurofm.signal.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage to real images (byte flips, header field scribbles, truncations), as a
 * .nii, as gzip-compressed damaged content and as damaged gzip bytes: the reader either succeeds
 * with a consistent volume or throws a SignalFormatException; nothing else may escape.
 */
class NiftiMutationTest {
    private static final int ROUNDS = 100;

    @TempDir
    Path tmp;

    @Test
    void mutatedUncompressedImage() throws IOException {
        byte[] original = Files.readAllBytes(TestData.file("fmri/nibabel_functional.nii"));
        Random rnd = new Random(20261127L);
        int[] outcome = new int[2];
        for (int i = 0; i < ROUNDS; i++) {
            Path file = Files.write(tmp.resolve("m" + i + ".nii"), mutate(original, rnd));
            outcome[check(file, i)]++;
        }
        assertEquals(ROUNDS, outcome[0] + outcome[1]);
        assertTrue(outcome[1] > ROUNDS / 4, "most damage is detected: " + Arrays.toString(outcome));
    }

    @Test
    void mutatedContentInGzip() throws IOException {
        byte[] original = NiftiBytes.of(TestData.file("fmri/fmri1.nii.gz")).bytes;
        Random rnd = new Random(7L);
        for (int i = 0; i < ROUNDS; i++) {
            Path file = Files.write(tmp.resolve("c" + i + ".nii.gz"), NiftiBytes.gzip(mutate(original, rnd)));
            check(file, i);
        }
    }

    @Test
    void mutatedGzipBytes() throws IOException {
        byte[] original = Files.readAllBytes(TestData.file("fmri/fmri1.nii.gz"));
        Random rnd = new Random(11L);
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] b = original.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            if (rnd.nextInt(4) == 0) {
                b = Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            refused += check(Files.write(tmp.resolve("g" + i + ".nii.gz"), b), i);
        }
        // the gzip CRC catches flips in the compressed data when the whole image is read
        assertTrue(refused > ROUNDS * 9 / 10, "refused " + refused + " of " + ROUNDS);
    }

    /** Flips, header-field scribbles (mostly in the 348-byte header) and truncations. */
    private static byte[] mutate(byte[] original, Random rnd) {
        byte[] b = original.clone();
        int kind = rnd.nextInt(4);
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length) : rnd.nextInt(352);
            switch (kind) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> {
                    int field = Math.min(at & ~1, b.length - 4);
                    int value = rnd.nextBoolean() ? rnd.nextInt() : (rnd.nextInt(65536) - 32768);
                    b[field] = (byte) value;
                    b[field + 1] = (byte) (value >> 8);
                    b[field + 2] = (byte) (value >> 16);
                    b[field + 3] = (byte) (value >> 24);
                }
                default -> {
                    return Arrays.copyOf(b, rnd.nextInt(b.length));
                }
            }
        }
        return b;
    }

    /** 0 when read successfully, 1 when refused with a SignalFormatException. */
    private static int check(Path file, int round) {
        try {
            Volume v = new NiftiReader().read(file);
            assertEquals((long) v.nx() * v.ny() * v.nz() * v.nt(), v.data().length);
            return 0;
        } catch (SignalFormatException e) {
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
            return 1;
        } catch (IOException | RuntimeException | Error e) {
            fail("round " + round + " (" + file.getFileName() + "): " + e, e);
            return -1;
        }
    }
}

package io.neurofm.signal.io.fif;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage to the two real FIF files (and the MNE-written fixtures): whatever comes out
 * must be a successful read or a SignalException, never another exception or error.
 */
class FifMutationTest {
    private static final int ROUNDS_PER_FILE = 150;
    private static final int[] INTERESTING = {0, 1, -1, 2, 3, 4, 5, 16, 20, 30, 31, 32, 96, 100, 101, 102, 104, 105,
            203, 300, 301, 1000, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 15};

    @TempDir
    Path dir;

    @Test
    void mutatedMegFileNeverFailsUnchecked() throws Exception {
        mutate(FifTestFiles.shared(FifTestFiles.MEG), 20261127L);
    }

    @Test
    void mutatedEegFileNeverFailsUnchecked() throws Exception {
        mutate(FifTestFiles.shared(FifTestFiles.EEG), 20261128L);
    }

    /** An MNE-written file: no tag directory (tags walked), annotations, skips, extended channel info. */
    @Test
    void mutatedFixtureNeverFailsUnchecked() throws Exception {
        mutate(FifTestFiles.fixture("fixture_skip_raw.fif"), 20261130L);
        mutate(FifTestFiles.fixture("fixture_int_raw.fif"), 20261131L);
    }

    private static void mutate(Path original, long seed) throws Exception {
        byte[] pristine = Files.readAllBytes(original);
        List<FifTestFiles.Tag> tags = FifTestFiles.tags(pristine);
        int dirPos = FifTestFiles.getInt(pristine, FifTestFiles.first(pristine, Fiff.DIR_POINTER).dataPos());
        Random rng = new Random(seed);
        int refused = 0;
        for (int round = 0; round < ROUNDS_PER_FILE; round++) {
            byte[] b = pristine.clone();
            String how = damage(b, tags, dirPos, rng);
            if (how.startsWith("truncate")) {
                b = Arrays.copyOf(b, rng.nextInt(b.length));
            }
            if (!survives(original, b, rng, round + " " + how)) {
                refused++;
            }
        }
        System.out.printf("%s: %d of %d mutants refused with SignalException, the rest read%n",
                original.getFileName(), refused, ROUNDS_PER_FILE);
        assertTrue(refused > 0, "the mutations should break something");
    }

    private static String damage(byte[] b, List<FifTestFiles.Tag> tags, int dirPos, Random rng) {
        int kind = rng.nextInt(6);
        switch (kind) {
            case 0 -> {
                int n = 1 + rng.nextInt(8);
                for (int i = 0; i < n; i++) {
                    b[rng.nextInt(b.length)] ^= (byte) (1 + rng.nextInt(255));
                }
                return "flip " + n + " bytes";
            }
            case 1 -> {
                return "truncate";
            }
            case 2 -> {
                FifTestFiles.Tag t = tags.get(rng.nextInt(tags.size()));
                int field = rng.nextInt(4);
                int value = value(rng, FifTestFiles.getInt(b, t.pos() + 4 * field), b.length);
                FifTestFiles.putInt(b, t.pos() + 4 * field, value);
                return "tag at " + t.pos() + " field " + field + " = " + value;
            }
            case 3 -> {
                List<FifTestFiles.Tag> small = tags.stream().filter(t -> t.size() >= 4 && t.size() <= 96).toList();
                FifTestFiles.Tag t = small.get(rng.nextInt(small.size()));
                int at = t.dataPos() + 4 * rng.nextInt(t.size() / 4);
                int value = value(rng, FifTestFiles.getInt(b, at), b.length);
                FifTestFiles.putInt(b, at, value);
                return "data of tag kind " + t.kind() + " at " + at + " = " + value;
            }
            case 4 -> {
                if (dirPos <= 0) {
                    return damage(b, tags, dirPos, rng); // no directory to damage: draw again
                }
                int entries = FifTestFiles.getInt(b, dirPos + 8) / 16;
                int at = dirPos + 16 + 16 * rng.nextInt(entries) + 4 * rng.nextInt(4);
                int value = value(rng, FifTestFiles.getInt(b, at), b.length);
                FifTestFiles.putInt(b, at, value);
                return "directory int at " + at + " = " + value;
            }
            default -> {
                int at = rng.nextInt(b.length - 16);
                for (int i = 0; i < 16; i++) {
                    b[at + i] = (byte) rng.nextInt(256);
                }
                return "16 random bytes at " + at;
            }
        }
    }

    private static int value(Random rng, int current, int fileLength) {
        return switch (rng.nextInt(4)) {
            case 0 -> INTERESTING[rng.nextInt(INTERESTING.length)];
            case 1 -> current + rng.nextInt(33) - 16;
            case 2 -> fileLength + rng.nextInt(64) - 32;
            default -> rng.nextInt();
        };
    }

    /** Opens and reads the mutant in memory; true when it read, false when refused as it should be. */
    private static boolean survives(Path original, byte[] mutant, Random rng, String how) {
        try (SignalFile f = FifReader.parse(original, new ArrayByteSource(mutant), false)) {
            f.header().channels();
            Recording all = f.readAll();
            long n = all.sampleCount();
            long start = n == 0 ? 0 : rng.nextInt((int) n);
            List<String> names = all.channelNames();
            f.read(ReadRequest.window(start, n - start).withChannels(List.of(names.get(rng.nextInt(names.size())))));
            return true;
        } catch (SignalException expected) {
            return false;
        } catch (Throwable t) {
            fail("mutant " + how + " of " + original.getFileName() + " threw " + t, t);
            return false;
        }
    }

    @Test
    void mutatedGzipFileNeverFailsUnchecked() throws Exception {
        byte[] pristine = Files.readAllBytes(FifTestFiles.fixture("fixture_single_raw.fif.gz"));
        Random rng = new Random(20261129L);
        for (int round = 0; round < 40; round++) {
            byte[] b = pristine.clone();
            if (round % 4 == 0) {
                b = Arrays.copyOf(b, rng.nextInt(b.length));
            } else {
                for (int i = 0; i < 1 + rng.nextInt(4); i++) {
                    b[2 + rng.nextInt(b.length - 2)] ^= (byte) (1 + rng.nextInt(255));
                }
            }
            Path file = dir.resolve("mutant" + round + "_raw.fif.gz");
            Files.write(file, b);
            try (SignalFile f = new FifReader().open(file, OpenOptions.DEFAULT)) {
                f.readAll();
            } catch (SignalException expected) {
                // refused, as it should be
            } catch (Throwable t) {
                fail("gzip mutant " + round + " threw " + t, t);
            }
        }
    }
}

package io.neurofm.signal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutation fuzzing of every reader through {@link Readers}, on the shared real files:
 * byte flips, overwrites with boundary values, truncations and splices. A mutant must either
 * read, or fail with a {@link SignalException}; any other throwable is a bug. The default suite
 * runs a bounded number per file; {@code -Pslow} (tag fuzz-long) runs many more.
 */
class ReaderFuzzTest {
    private static final int DEFAULT_INPUTS = 40;
    private static final int LONG_INPUTS = Integer.getInteger("neurofm.fuzz.inputs", 3000);

    static List<SharedRecordings.Entry> files() {
        return SharedRecordings.all().stream().filter(e -> !e.relativePath().endsWith(".vhdr")).toList();
    }

    @ParameterizedTest
    @MethodSource("files")
    void boundedMutationRun(SharedRecordings.Entry entry, @TempDir Path dir) throws Exception {
        run(entry, dir, DEFAULT_INPUTS, 20261127L);
    }

    @Tag("fuzz-long")
    @ParameterizedTest
    @MethodSource("files")
    void longMutationRun(SharedRecordings.Entry entry, @TempDir Path dir) throws Exception {
        run(entry, dir, LONG_INPUTS, System.nanoTime());
    }

    private static void run(SharedRecordings.Entry entry, Path dir, int inputs, long seed) throws Exception {
        byte[] original = Files.readAllBytes(entry.path());
        String name = entry.path().getFileName().toString();
        Random random = new Random(seed);
        int refused = 0;
        for (int i = 0; i < inputs; i++) {
            byte[] mutant = Mutations.mutate(original, random);
            Path file = dir.resolve(name);
            Files.write(file, mutant);
            try (SignalFile signalFile = Readers.open(file, entry.options())) {
                RecordingHeader header = signalFile.header();
                if (!header.channels().isEmpty()) {
                    double rate = header.samplingRates().get(0);
                    signalFile.read(ReadRequest.all().withChannels(Readers.channelsAtRate(header, rate)));
                }
            } catch (SignalException expected) {
                refused++;
                assertTrue(expected.getMessage().contains(name), "error must name the file: " + expected.getMessage());
            } catch (Throwable t) {
                Path kept = dir.resolveSibling("fuzz-failure-" + seed + "-" + i + "-" + name);
                Files.write(kept, mutant);
                fail("mutant " + i + " (seed " + seed + ") of " + entry + " threw " + t + "; kept at " + kept, t);
            }
        }
        assertTrue(refused > 0, "no mutant was refused: the mutations are not reaching the parser");
    }
}

package io.neurofm.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    @TempDir
    static Path tmp;
    static CorpusLoader loader;

    @BeforeAll
    static void build() throws IOException {
        CorpusFixture.create(tmp).build("corpus");
        loader = CorpusLoader.open(tmp.resolve("corpus"), Verification.FULL);
    }

    private static List<long[]> take(BatchStream stream, int n) throws IOException {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(stream.next().windows());
        }
        return out;
    }

    private static void assertSameBatches(List<long[]> a, List<long[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "batch " + i);
        }
    }

    @Test
    void orderIsAFunctionOfSeedAndEpoch() throws IOException {
        BatchOptions options = new BatchOptions(4, 42, false, 3, 2);
        try (BatchStream a = loader.batches("train", options, LoaderPosition.START);
             BatchStream b = loader.batches("train", new BatchOptions(4, 42, false, 1, 1), LoaderPosition.START);
             BatchStream c = loader.batches("train", BatchOptions.of(4, 43), LoaderPosition.START)) {
            int perEpoch = a.batchesPerEpoch();
            List<long[]> first = take(a, 2 * perEpoch);
            assertSameBatches(first, take(b, 2 * perEpoch));
            List<long[]> other = take(c, perEpoch);
            assertTrue(differ(first.subList(0, perEpoch), other), "another seed gives another order");
            assertTrue(differ(first.subList(0, perEpoch), first.subList(perEpoch, 2 * perEpoch)),
                    "the next epoch is reshuffled");
            assertEquals(new LoaderPosition(2, 0), a.position());
        }
    }

    private static boolean differ(List<long[]> a, List<long[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void resumingFromASavedPositionGivesTheSameRemainingSequence() throws IOException {
        BatchOptions options = BatchOptions.of(3, 7);
        LoaderPosition saved;
        List<long[]> rest;
        try (BatchStream stream = loader.batches("train", options, LoaderPosition.START)) {
            int perEpoch = stream.batchesPerEpoch();
            take(stream, perEpoch + 2);
            saved = stream.position();
            assertEquals(new LoaderPosition(1, 2), saved);
            rest = take(stream, perEpoch);
        }
        try (BatchStream resumed = loader.batches("train", options, saved)) {
            assertEquals(saved, resumed.position());
            Batch first = resumed.next();
            assertEquals(saved, first.position());
            List<long[]> again = new ArrayList<>();
            again.add(first.windows());
            again.addAll(take(resumed, rest.size() - 1));
            assertSameBatches(rest, again);
        }
    }

    @Test
    void everyWindowExactlyOncePerEpochWithPrefetch() throws IOException {
        for (String name : List.of("train", "validation")) {
            CorpusSplit split = loader.split(name);
            try (BatchStream stream = loader.batches(name, new BatchOptions(5, 1, false, 6, 3),
                    LoaderPosition.START)) {
                for (int epoch = 0; epoch < 2; epoch++) {
                    List<Long> seen = new ArrayList<>();
                    for (int i = 0; i < stream.batchesPerEpoch(); i++) {
                        Batch b = stream.next();
                        assertEquals(epoch, b.epoch());
                        assertTrue(b.size() <= 5);
                        ShardShape shape = split.shardOf(b.windows()[0]).shape();
                        assertArrayEquals(new int[] {b.size(), shape.rows(), shape.steps()}, b.shape());
                        for (int k = 0; k < b.size(); k++) {
                            long w = b.windows()[k];
                            assertEquals(shape, split.shardOf(w).shape(), "one shape per batch");
                            int values = (int) shape.values();
                            assertArrayEquals(split.ids(w), Arrays.copyOfRange(b.ids(), k * values,
                                    (k + 1) * values));
                            assertEquals(split.info(w).source(), b.sources()[k]);
                            seen.add(w);
                        }
                        assertNull(b.valid());
                    }
                    List<Long> sorted = seen.stream().sorted().toList();
                    List<Long> all = new ArrayList<>();
                    for (long w = 0; w < split.windowCount(); w++) {
                        all.add(w);
                    }
                    assertEquals(all, sorted, name + " epoch " + epoch);
                }
            }
        }
    }

    @Test
    void dropLastKeepsOnlyFullBatches() throws IOException {
        try (BatchStream stream = loader.batches("train", new BatchOptions(4, 1, true, 2, 1), LoaderPosition.START)) {
            long expected = 0;
            for (long[] group : loader.split("train").groups().values()) {
                expected += group.length / 4;
            }
            assertEquals(expected, stream.batchesPerEpoch());
            for (long[] b : take(stream, stream.batchesPerEpoch())) {
                assertEquals(4, b.length);
            }
        }
    }

    @Test
    void anAssemblyFailureReachesTheConsumer() throws IOException {
        CorpusSplit split = loader.split("train");
        BatchStream.Assembler failing = (s, epoch, index, windows) -> {
            if (index == 2) {
                throw new IOException("disk went away");
            }
            return BatchStream.assemble(s, epoch, index, windows);
        };
        BatchStream stream = new BatchStream(split, new BatchOptions(2, 5, false, 4, 2), LoaderPosition.START,
                failing);
        stream.next();
        stream.next();
        IOException e = assertThrows(IOException.class, stream::next);
        assertTrue(e.getMessage().contains("disk went away") && e.getMessage().contains("LoaderPosition[epoch=0, "
                + "index=2]"), e.getMessage());
        stream.close();
        assertThrows(IllegalStateException.class, stream::next);
        assertThrows(IllegalArgumentException.class,
                () -> loader.batches("train", BatchOptions.of(2, 5), new LoaderPosition(0, 100_000)));
    }

    @Test
    void batchesBecomeNDArrays() throws IOException {
        try (BatchStream stream = loader.batches("validation", BatchOptions.of(3, 9), LoaderPosition.START);
             NDManager manager = NDManager.newBaseManager()) {
            Batch b = stream.next();
            NDArray data = b.data(manager);
            assertEquals(DataType.INT32, data.getDataType());
            assertArrayEquals(Arrays.stream(b.shape()).asLongStream().toArray(), data.getShape().getShape());
            assertArrayEquals(b.ids(), data.toIntArray());
            assertEquals(1, b.toNDList(manager).size());
            assertNotEquals(0, b.size());
        }
    }
}

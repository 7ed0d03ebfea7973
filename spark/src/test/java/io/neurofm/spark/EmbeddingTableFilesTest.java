package io.neurofm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver side without Spark: the table's layout, what it refuses, and which files a folder gives. */
class EmbeddingTableFilesTest {
    private static final EmbeddingSetup SETUP = new EmbeddingSetup("m:1", "deeperbrain", "flatten", 200, 400, 400);

    @TempDir
    Path tmp;

    @Test
    void rowsFollowRecordingsThenWindows() throws IOException {
        Path out = tmp.resolve("e.npz");
        EmbeddingTableFiles.Written written = EmbeddingTableFiles.write(out, List.of(
                new EmbeddedRecording(0, "a.edf", SETUP, new float[][] {{1, 2}, {3, 4}}, new double[] {0, 2}),
                new EmbeddedRecording(1, "b.edf", SETUP, new float[][] {{5, 6}}, new double[] {0})), 0);
        assertEquals(new EmbeddingTableFiles.Written(3, 2), written);
        Map<String, NpyArray> arrays = Npz.read(out);
        assertEquals(List.of(1f, 2f, 3f, 4f, 5f, 6f), boxed(arrays.get("embeddings").toFloats()));
        assertEquals(NpyArray.ofInts(new long[] {3}, new int[] {0, 0, 1}), arrays.get("file_index"));
        assertEquals(NpyArray.ofInts(new long[] {3}, new int[] {0, 1, 0}), arrays.get("window_index"));
        assertEquals(NpyArray.ofDoubles(new long[] {3}, new double[] {0, 2, 0}), arrays.get("start_seconds"));
        assertTrue(Files.readString(tmp.resolve("e.json")).contains("\"stride_seconds\" : 2.0"));
    }

    @Test
    void widthsThatDependOnTheChannelCountAreRefusedAndNothingIsWritten() {
        Path out = tmp.resolve("e.npz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddingTableFiles.write(out,
                List.of(new EmbeddedRecording(0, "a.edf", SETUP, new float[][] {{1, 2}}, new double[] {0}),
                        new EmbeddedRecording(1, "b.edf", SETUP, new float[][] {{1, 2, 3}}, new double[] {0})), 0));
        assertTrue(e.getMessage().contains("b.edf"), e.getMessage());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("e.json")));
    }

    @Test
    void executorsThatDisagreeAreRefused() {
        EmbeddingSetup other = new EmbeddingSetup("m:2", "deeperbrain", "flatten", 200, 400, 400);
        assertThrows(IllegalStateException.class, () -> EmbeddingTableFiles.write(tmp.resolve("e.npz"),
                List.of(new EmbeddedRecording(0, "a.edf", SETUP, new float[][] {{1}}, new double[] {0}),
                        new EmbeddedRecording(1, "b.edf", other, new float[][] {{1}}, new double[] {0})), 0));
    }

    @Test
    void aFolderGivesItsRecordingsSortedByPathAndSkipsOtherFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in").resolve("sub-02"));
        Files.createDirectories(tmp.resolve("in").resolve("sub-01"));
        for (String name : List.of("sub-02/x.edf", "sub-01/z.bdf", "sub-01/notes.txt", "sub-01/z.json", "a.vhdr")) {
            Files.writeString(tmp.resolve("in").resolve(name), "");
        }
        Path single = Files.writeString(tmp.resolve("single.gdf"), "");
        Path in = dir.getParent();
        assertEquals(List.of(single, in.resolve("a.vhdr"), in.resolve("sub-01/z.bdf"), in.resolve("sub-02/x.edf")),
                InputRecordings.expand(List.of(tmp.resolve("single.gdf"), in)));
        assertThrows(IllegalArgumentException.class, () -> InputRecordings.expand(List.of(tmp.resolve("missing"))));
    }

    private static List<Float> boxed(float[] values) {
        List<Float> out = new java.util.ArrayList<>();
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}

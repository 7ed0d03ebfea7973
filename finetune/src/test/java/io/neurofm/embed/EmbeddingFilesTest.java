package io.neurofm.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neurofm.signal.io.npy.NpyDtype;

import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EmbeddingFilesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static EmbeddingTable table() {
        float[][] e = {{1, 2}, {3, 4}, {5, 6}};
        return new EmbeddingTable(e, List.of(Path.of("a.edf"), Path.of("b.edf")), new int[] {0, 0, 1},
                List.of("s1", "s1", ""), List.of("", "", ""), List.of("1", "2", "1"), new double[] {0, 2.5, 0},
                List.of("left", "right", "left"));
    }

    @Test
    void tablesRoundTripThroughNpzAndSidecar(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("sub/emb.npz");
        var description = JSON.createObjectNode().put("pooling", "mean");
        Path sidecar = EmbeddingFiles.write(npz, table(), description);
        assertEquals(dir.resolve("sub/emb.json"), sidecar);
        Map<String, NpyArray> arrays = Npz.read(npz);
        assertArrayEquals(new long[] {3, 2}, arrays.get("embeddings").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, arrays.get("embeddings").toFloats());
        assertEquals(NpyDtype.INT32, arrays.get("file_index").dtype());
        assertEquals(NpyDtype.FLOAT32, arrays.get("embeddings").dtype());
        assertArrayEquals(new double[] {0, 0, 1}, arrays.get("file_index").toDoubles());
        assertArrayEquals(new double[] {0, 0, -1}, arrays.get("subject_index").toDoubles(), "unknown subject is -1");
        assertArrayEquals(new double[] {-1, -1, -1}, arrays.get("session_index").toDoubles());
        assertArrayEquals(new double[] {0, 1, 0}, arrays.get("run_index").toDoubles());
        assertArrayEquals(new double[] {0, 1, 0}, arrays.get("label_index").toDoubles());
        assertArrayEquals(new double[] {0, 2.5, 0}, arrays.get("start_seconds").toDoubles());
        JsonNode json = JSON.readTree(sidecar.toFile());
        assertEquals("mean", json.get("pooling").stringValue());
        assertEquals(3, json.get("count").intValue());
        assertEquals(2, json.get("dimension").intValue());
        assertEquals("emb.npz", json.get("embeddings_file").stringValue());
        assertEquals(List.of("a.edf", "b.edf"), strings(json.get("files")));
        assertEquals(List.of("s1"), strings(json.get("subjects")));
        assertEquals(List.of(), strings(json.get("sessions")));
        assertEquals(List.of("1", "2"), strings(json.get("runs")));
        assertEquals(List.of("left", "right"), strings(json.get("labels")));
        try (Stream<Path> files = Files.list(npz.getParent())) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void metadataMustCoverEveryRow() {
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingTable(new float[][] {{1}, {2}},
                List.of(Path.of("a")), new int[] {0}, List.of("", ""), List.of("", ""), List.of("", ""),
                new double[2], List.of("", "")));
        assertFalse(table().files().isEmpty());
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }
}

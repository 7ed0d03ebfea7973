package io.neurofm.signal.io.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our writer's output read back by our reader, byte layout as numpy writes it. */
class NpyRoundTripTest {
    @TempDir
    Path dir;

    static Map<String, NpyArray> everyType() {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("f4", NpyArray.ofFloats(new long[] {2, 3}, new float[] {0.1f, -2.5f, Float.MIN_VALUE, Float.MAX_VALUE,
                -0.0f, Float.NaN}));
        m.put("f8", NpyArray.ofDoubles(new long[] {4}, new double[] {Math.PI, -1e-300, Double.MAX_VALUE, 0}));
        m.put("i2", NpyArray.ofShorts(new long[] {3}, new short[] {Short.MIN_VALUE, -1, Short.MAX_VALUE}));
        m.put("i4", NpyArray.ofInts(new long[] {1, 3}, new int[] {Integer.MIN_VALUE, 7, Integer.MAX_VALUE}));
        m.put("i8", NpyArray.ofLongs(new long[] {3}, new long[] {Long.MIN_VALUE, (1L << 53) + 1, Long.MAX_VALUE}));
        m.put("u1", NpyArray.ofUnsignedBytes(new long[] {3}, new byte[] {0, (byte) 128, (byte) 255}));
        m.put("b1", NpyArray.ofBooleans(new long[] {2, 2}, new boolean[] {true, false, false, true}));
        m.put("scalar", NpyArray.ofDoubles(new long[] {}, new double[] {2.5}));
        m.put("empty", NpyArray.ofFloats(new long[] {0, 5}, new float[0]));
        return m;
    }

    @Test
    void npyOfEveryTypeReadsBackEqualWithAlignedHeader() throws IOException {
        for (Map.Entry<String, NpyArray> e : everyType().entrySet()) {
            Path file = dir.resolve(e.getKey() + ".npy");
            Npy.write(file, e.getValue());
            assertEquals(e.getValue(), Npy.read(file), e.getKey());
            NpyHeader h = Npy.readHeader(file);
            assertEquals(1, h.version());
            assertEquals(0, h.dataOffset() % 64, "numpy aligns the data to 64 bytes");
            assertEquals(Files.size(file), h.dataOffset() + h.dataBytes());
        }
    }

    @Test
    void npzStoredAndDeflatedReadBackEqual() throws IOException {
        Map<String, NpyArray> arrays = everyType();
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = dir.resolve("all" + compressed + ".npz");
            Npz.write(file, arrays, compressed);
            Map<String, NpyArray> back = Npz.read(file);
            assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
            arrays.forEach((name, a) -> assertEquals(a, back.get(name), name));
        }
    }

    @Test
    void writesAreDeterministicAndLeaveNoTemporaryFiles() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Npz.write(a, everyType(), true);
        Npz.write(b, everyType(), true);
        assertEquals(java.util.Arrays.hashCode(a.toByteArray()), java.util.Arrays.hashCode(b.toByteArray()));
        Path file = dir.resolve("x.npz");
        Npz.write(file, everyType(), false);
        Npz.write(file, Map.of("only", NpyArray.ofInts(new long[] {1}, new int[] {9})), false);
        assertEquals(List.of("only"), List.copyOf(Npz.read(file).keySet()), "overwritten in place");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("x.npz"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void fortranOrderIsTransposedToCOrder() throws IOException {
        // a 2x3 array [[1,2,3],[4,5,6]] stored first-index-fastest: 1,4,2,5,3,6
        Path file = dir.resolve("f.npy");
        byte[] header = "{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }".getBytes();
        byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length + 1), 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(pre);
        out.write(header);
        out.write('\n');
        for (int v : new int[] {1, 4, 2, 5, 3, 6}) {
            out.write(v);
            out.write(0);
        }
        Files.write(file, out.toByteArray());
        NpyArray a = Npy.read(file);
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, a.getLong(i));
        }
        assertTrue(Npy.readHeader(file).fortranOrder());
    }
}

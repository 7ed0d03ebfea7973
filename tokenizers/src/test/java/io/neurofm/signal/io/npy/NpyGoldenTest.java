package io.neurofm.signal.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurofm.signal.Golden;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Files written by numpy itself (tools/golden/make_npy_golden.py) read back with the values numpy reports. */
class NpyGoldenTest {
    static Path resource(String name) {
        try {
            return Path.of(NpyGoldenTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void savezAndSavezCompressedArchives() throws IOException {
        JsonNode files = Golden.load("npy_arrays").get("files");
        for (String name : new String[] {"savez.npz", "savez_compressed.npz"}) {
            JsonNode expected = files.get(name);
            Map<String, NpyArray> arrays = Npz.read(resource(name));
            assertEquals(expected.size(), arrays.size(), name);
            try (NpzArchive archive = NpzArchive.open(resource(name))) {
                for (Iterator<String> it = expected.propertyNames().iterator(); it.hasNext(); ) {
                    String array = it.next();
                    NpyHeader header = archive.header(array);
                    assertArray(name + "/" + array, expected.get(array), header, arrays.get(array));
                }
            }
        }
    }

    @Test
    void formatVersionsOneTwoAndThree() throws IOException {
        JsonNode files = Golden.load("npy_arrays").get("files");
        for (int version = 1; version <= 3; version++) {
            String name = "v" + version + ".npy";
            NpyHeader header = Npy.readHeader(resource(name));
            assertEquals(version, header.version(), name);
            assertArray(name, files.get(name).get(""), header, Npy.read(resource(name)));
        }
    }

    private static void assertArray(String what, JsonNode expected, NpyHeader header, NpyArray array) {
        String descr = expected.get("descr").asString();
        assertEquals(descr.substring(1), header.dtype().code(), what + " dtype");
        assertEquals(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, header.byteOrder(),
                what + " byte order");
        assertEquals(expected.get("fortran_order").asBoolean(), header.fortranOrder(), what + " fortran_order");
        long[] shape = new long[expected.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = expected.get("shape").get(i).asLong();
        }
        assertArrayEquals(shape, array.shape(), what + " shape");
        assertArrayEquals(shape, header.shape(), what + " header shape");
        JsonNode values = expected.get("values");
        assertEquals(values.size(), array.size(), what + " size");
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            switch (array.dtype()) {
                case BOOL -> assertEquals(v.asBoolean() ? 1.0 : 0.0, array.getDouble(i), what + "[" + i + "]");
                case INT64 -> assertEquals(v.asLong(), array.getLong(i), what + "[" + i + "]");
                default -> assertEquals(v.asDouble(), array.getDouble(i), what + "[" + i + "]");
            }
        }
    }
}

package io.neurofm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The safetensors codec: layout, types, and refusal of malformed files. */
class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsOrderTypesShapesAndBytesAndAlignsTheData() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("z.f64", manager.create(new double[] {Math.PI, -0.0, 1e-300}));
            tensors.put("a.f32", manager.arange(24f).reshape(2, 3, 4));
            tensors.put("transposed", manager.arange(6f).reshape(2, 3).transpose());
            tensors.put("f16", manager.create(new float[] {0.5f, -2f}).toType(DataType.FLOAT16,
                    false));
            tensors.put("i64", manager.create(new long[] {Long.MIN_VALUE, 7}));
            tensors.put("i32", manager.create(new int[] {-3}));
            tensors.put("i8", manager.create(new byte[] {-128, 127}));
            tensors.put("u8", manager.create(new byte[] {(byte) 255}).toType(DataType.UINT8, false));
            tensors.put("bool", manager.create(new boolean[] {true, false, true}));
            tensors.put("scalar", manager.create(2.5f));
            tensors.put("empty", manager.zeros(new Shape(0, 3)));
            Path file = dir.resolve("t.safetensors");
            Safetensors.write(file, tensors, Map.of("note", "x"));

            byte[] bytes = Files.readAllBytes(file);
            long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, (8 + headerLength) % 8, "data section must start 8-byte aligned");
            Map<String, NDArray> back = Safetensors.read(file, manager);
            assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.keySet()));
            tensors.forEach((name, original) -> {
                NDArray read = back.get(name);
                assertEquals(original.getDataType(), read.getDataType(), name);
                assertEquals(original.getShape(), read.getShape(), name);
                assertArrayEquals(original.toByteArray(), read.toByteArray(), name);
            });
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, back.get("transposed").toFloatArray());
            assertEquals(Map.of("note", "x"), Safetensors.metadata(file));
        }
    }

    @Test
    void bfloat16IsWidenedToFloat32() throws IOException {
        // 1.0f = 0x3F800000 and -2.5f = 0xC0200000: bfloat16 keeps the upper 16 bits.
        Path file = file("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
                new byte[] {(byte) 0x80, 0x3F, 0x20, (byte) 0xC0});
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = Safetensors.read(file, manager).get("w");
            assertEquals(DataType.FLOAT32, w.getDataType());
            assertArrayEquals(new float[] {1f, -2.5f}, w.toFloatArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON               | {"w":                                                              | not valid JSON
            header not an object   | [1,2]                                                              | expected a JSON object
            unknown dtype          | {"w":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}              | .dtype: expected one of
            negative dimension     | {"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}            | .shape[0]: expected a non-negative
            span disagrees         | {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}             | expected a span of 8 bytes
            gap before tensor      | {"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}             | expected to start at 0
            trailing data          | {"w":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}             | tensors cover 2 bytes, file holds 4
            overlapping tensors    | {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F16","shape":[1],"data_offsets":[2,4]}} | expected to start at 4
            offsets not a pair     | {"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}               | expected an array of 2 integers
            huge shape             | {"w":{"dtype":"F64","shape":[4611686018427387904,4],"data_offsets":[0,4]}} | element count overflows
            metadata not strings   | {"__metadata__":{"a":1},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} | expected a string
            duplicate name         | {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} | not valid JSON
            """)
    void malformedHeadersAreRefusedWithTheField(String what, String header, String message)
            throws IOException {
        Path file = file(header, new byte[4]);
        IOException e = assertThrows(IOException.class, () -> read(file));
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void truncatedAndOversizedHeaderLengthsAreRefused() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 0, 0});
        assertTrue(assertThrows(IOException.class, () -> read(tiny)).getMessage()
                .contains("expected 8 bytes"));
        Path liar = dir.resolve("liar.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        Files.write(liar, b.array());
        assertTrue(assertThrows(IOException.class, () -> read(liar)).getMessage()
                .contains("header length at byte 0"));
    }

    @Test
    void seededMutationsLetOnlyIoExceptionsEscape() throws IOException {
        Path good = dir.resolve("good.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("a", manager.arange(12f).reshape(3, 4));
            tensors.put("b", manager.create(new long[] {1, 2, 3}));
            Safetensors.write(good, tensors, Map.of("k", "v"));
        }
        byte[] original = Files.readAllBytes(good);
        Random random = new Random(20261127);
        Path mutated = dir.resolve("mutated.safetensors");
        for (int round = 0; round < 300; round++) {
            byte[] bytes = original.clone();
            if (round % 5 == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            Files.write(mutated, bytes);
            try {
                read(mutated);
            } catch (IOException expected) {
                // refusal is the other allowed outcome
            }
        }
    }

    private void read(Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Safetensors.read(file, manager);
        }
    }

    private Path file(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).put(data);
        Path file = dir.resolve("f" + System.nanoTime() + ".safetensors");
        Files.write(file, b.array());
        return file;
    }
}

package io.neurofm.tensor;

import io.neurofm.signal.io.AtomicFiles;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The safetensors file format: an 8-byte little-endian header length, a JSON header mapping each
 * tensor name to {dtype, shape, data_offsets} (plus an optional string map "__metadata__"), then
 * the raw little-endian tensor bytes.
 *
 * <p>DJL 0.36's {@code NDList.encode(SAFETENSORS)} is not used for writing: it stores offsets as
 * int (files over 2 GiB fail), orders the header by hash, cannot write __metadata__, and does not
 * pad the header. This writer keeps the caller's order, uses long offsets, pads the header with
 * spaces so the data starts 8-byte aligned (as the reference Rust writer does) and writes through a
 * temporary file and an atomic rename. The reader validates the header the way the reference
 * implementation does (sizes against the file, offsets contiguous and covering the data) before
 * allocating anything. BF16 tensors are widened to F32 on read, because DJL's PyTorch engine
 * cannot use BF16 on CPU.
 */
public final class Safetensors {
    /** The reference implementation's limit on the header size. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final String METADATA = "__metadata__";
    private static final Set<DataType> WRITABLE = Set.of(DataType.FLOAT64, DataType.FLOAT32,
            DataType.FLOAT16, DataType.INT64, DataType.INT32, DataType.INT8, DataType.UINT8,
            DataType.BOOLEAN);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Safetensors() {}

    /** Writes {@code tensors} in map order, with an optional string-to-string metadata map. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        requireLittleEndianPlatform();
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            new TreeMap<>(metadata).forEach(meta::put); // sorted: equal inputs give equal bytes
        }
        long offset = 0;
        List<NDArray> order = new ArrayList<>(tensors.size());
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            NDArray array = e.getValue();
            if (name.equals(METADATA)) {
                throw new IllegalArgumentException("\"" + METADATA + "\" is reserved");
            }
            if (!WRITABLE.contains(array.getDataType())) {
                throw new IllegalArgumentException("tensor " + name + " has unsupported type "
                        + array.getDataType() + "; writable: " + WRITABLE);
            }
            long bytes = Math.multiplyExact(array.size(), array.getDataType().getNumOfBytes());
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", array.getDataType().asSafetensors());
            ArrayNode shape = entry.putArray("shape");
            for (long d : array.getShape().getShape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
            order.add(array);
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();

        Path tmp = AtomicFiles.temporaryBeside(file);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(out, head);
            for (NDArray array : order) {
                // toByteBuffer() copies a contiguous CPU image of the tensor in native (LE) order.
                writeFully(out, array.toByteBuffer());
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        AtomicFiles.move(tmp, file);
    }

    /** Writes {@code tensors} without metadata. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Reads every tensor, in header order, into {@code manager}. */
    public static LinkedHashMap<String, NDArray> read(Path file, NDManager manager)
            throws IOException {
        requireLittleEndianPlatform();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, in);
            LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
            try {
                for (Entry e : header.entries()) {
                    ByteBuffer data = ByteBuffer.allocateDirect(Math.toIntExact(e.bytes()))
                            .order(ByteOrder.LITTLE_ENDIAN);
                    readFully(file, in, data, header.dataStart() + e.begin());
                    data.flip();
                    NDArray array = e.dtype().equals("BF16")
                            ? manager.create(widenBf16(data), new Shape(e.shape()))
                            : manager.create(data, new Shape(e.shape()),
                                    DataType.fromSafetensors(e.dtype()));
                    array.setName(e.name());
                    tensors.put(e.name(), array);
                }
            } catch (IOException | RuntimeException ex) {
                tensors.values().forEach(NDArray::close);
                throw ex;
            }
            return tensors;
        }
    }

    /** The header's "__metadata__" map (empty when absent). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, in).metadata();
        }
    }

    private record Entry(String name, String dtype, long[] shape, long begin, long bytes) {}

    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {}

    private static Header readHeader(Path file, FileChannel in) throws IOException {
        long size = in.size();
        if (size < 8) {
            throw new IOException(file + ": safetensors header length: expected 8 bytes, file has "
                    + size);
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, in, lengthBytes, 0);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
            throw new IOException(file + ": safetensors header length at byte 0: expected 1.."
                    + Math.min(MAX_HEADER_BYTES, size - 8) + ", found " + headerLength);
        }
        ByteBuffer json = ByteBuffer.allocate((int) headerLength);
        readFully(file, in, json, 8);
        JsonNode root;
        try {
            root = JSON.readTree(new String(json.array(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new IOException(file + ": safetensors header is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": safetensors header: expected a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA)) {
                if (!node.isObject()) {
                    throw new IOException(file + ": " + METADATA + ": expected a string map");
                }
                for (Map.Entry<String, JsonNode> m : node.properties()) {
                    if (!m.getValue().isString()) {
                        throw new IOException(file + ": " + METADATA + "." + m.getKey()
                                + ": expected a string");
                    }
                    metadata.put(m.getKey(), m.getValue().stringValue());
                }
                continue;
            }
            entries.add(entry(file, name, node));
        }
        checkLayout(file, entries, dataLength);
        return new Header(entries, metadata, dataStart);
    }

    private static Entry entry(Path file, String name, JsonNode node) throws IOException {
        String where = file + ": tensor \"" + name + "\"";
        if (!node.isObject()) {
            throw new IOException(where + ": expected an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isString()) {
            throw new IOException(where + ".dtype: expected a string");
        }
        String dtype = dtypeNode.stringValue();
        int itemSize = itemSize(dtype);
        if (itemSize < 0) {
            throw new IOException(where + ".dtype: expected one of F64 F32 F16 BF16 I64 I32 I8 U8"
                    + " BOOL, found " + dtype);
        }
        long[] shape = longs(node.get("shape"), -1, where + ".shape");
        long[] offsets = longs(node.get("data_offsets"), 2, where + ".data_offsets");
        long elements = 1;
        try {
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            long bytes = Math.multiplyExact(elements, itemSize);
            if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes) {
                throw new IOException(where + ".data_offsets: expected a span of " + bytes
                        + " bytes for " + dtype + " " + java.util.Arrays.toString(shape)
                        + ", found " + java.util.Arrays.toString(offsets));
            }
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IOException(where + ": " + bytes + " bytes exceeds the 2 GiB per-tensor"
                        + " limit of this reader");
            }
            return new Entry(name, dtype, shape, offsets[0], bytes);
        } catch (ArithmeticException e) {
            throw new IOException(where + ".shape: element count overflows", e);
        }
    }

    /** Offsets must tile [0, dataLength) without gaps or overlaps, as the reference requires. */
    private static void checkLayout(Path file, List<Entry> entries, long dataLength)
            throws IOException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::bytes));
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.begin() != expected) {
                throw new IOException(file + ": tensor \"" + e.name() + "\".data_offsets: expected"
                        + " to start at " + expected + ", found " + e.begin());
            }
            expected = e.begin() + e.bytes();
        }
        if (expected != dataLength) {
            throw new IOException(file + ": data section: tensors cover " + expected
                    + " bytes, file holds " + dataLength);
        }
    }

    private static long[] longs(JsonNode node, int count, String where) throws IOException {
        if (node == null || !node.isArray() || (count >= 0 && node.size() != count)) {
            throw new IOException(where + ": expected an array"
                    + (count >= 0 ? " of " + count + " integers" : " of integers"));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new IOException(where + "[" + i + "]: expected a non-negative integer, found "
                        + v);
            }
            values[i] = v.longValue();
        }
        return values;
    }

    private static int itemSize(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> -1;
        };
    }

    /** bfloat16 is the upper half of a float32, so widening is a 16-bit shift. */
    private static float[] widenBf16(ByteBuffer data) {
        float[] out = new float[data.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((data.getShort(2 * i) & 0xFFFF) << 16);
        }
        return out;
    }

    private static void requireLittleEndianPlatform() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException(
                    "safetensors I/O assumes a little-endian platform, this one is "
                            + ByteOrder.nativeOrder());
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void readFully(Path file, FileChannel in, ByteBuffer buffer, long position)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, at);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file at byte " + at);
            }
            at += n;
        }
    }
}

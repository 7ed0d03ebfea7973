package io.neurofm.signal.io.gdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small GDF 2.x files for tests, byte for byte after the GDF 2.20 specification (Schloegl,
 * arXiv cs/0608052): 256-byte fixed header, 256 bytes per channel of variable header in
 * field-major order, an optional tagged header (2.10+), records of channel blocks, and the event
 * table (mode byte, uint24 count, float32 rate, then positions, types[, channels, durations]).
 * From 2.21 on the record duration is written as a float64, as biosig does.
 */
final class GdfTestWriter {
    /** One channel: its header fields and its digital values, records * samplesPerRecord of them. */
    record Chan(String label, int dimensionCode, double physMin, double physMax, double digMin, double digMax,
                int samplesPerRecord, GdfDataType type, double[] digital) {
        double physical(int t) {
            return physMin + (digital[t] - digMin) * (physMax - physMin) / (digMax - digMin);
        }
    }

    /** An event table entry: 1-based position, code, channel, duration in samples. */
    record Event(long position, int type, int channel, long duration) {
    }

    String version = "GDF 2.20";
    String patient = "X";
    String recording = "neurofm test";
    long startTime;
    long records;
    long durationNumerator = 1;
    long durationDenominator = 1;
    double durationSeconds = 1;
    final List<Chan> channels = new ArrayList<>();
    byte[] taggedHeader = new byte[0];
    int eventMode;
    float eventRate;
    final List<Event> events = new ArrayList<>();

    GdfTestWriter channel(Chan c) {
        channels.add(c);
        return this;
    }

    GdfTestWriter event(long position, int type, int channel, long duration) {
        events.add(new Event(position, type, channel, duration));
        return this;
    }

    /** A tag-length-value entry for the tagged header. */
    static byte[] tag(int tag, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(4 + value.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(tag | value.length << 8).put(value);
        return b.array();
    }

    /** NUL-terminated texts, back to back. */
    static byte[] texts(String... texts) {
        StringBuilder sb = new StringBuilder();
        for (String t : texts) {
            sb.append(t).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sets the tagged header from entries; it is zero-padded to whole 256-byte blocks. */
    GdfTestWriter tags(byte[]... entries) {
        int len = 0;
        for (byte[] e : entries) {
            len += e.length;
        }
        int padded = (len + 1 + 255) / 256 * 256;
        ByteBuffer b = ByteBuffer.allocate(padded);
        for (byte[] e : entries) {
            b.put(e);
        }
        taggedHeader = b.array();
        return this;
    }

    byte[] toBytes() {
        int ns = channels.size();
        int headerLength = 256 * (ns + 1) + taggedHeader.length;
        long recordBytes = 0;
        for (Chan c : channels) {
            recordBytes += (long) c.samplesPerRecord() * c.type().bytes();
        }
        int entry = eventMode == 3 ? 12 : 6;
        int eventBytes = eventMode == 0 ? 0 : 8 + entry * events.size();
        ByteBuffer b = ByteBuffer.allocate((int) (headerLength + records * recordBytes + eventBytes))
                .order(ByteOrder.LITTLE_ENDIAN);

        putText(b, 0, version, 8);
        putText(b, 8, patient, 66);
        putText(b, 88, recording, 64);
        b.putLong(168, startTime);
        b.putShort(184, (short) (headerLength / 256));
        b.putLong(236, records);
        if (version.compareTo("GDF 2.21") >= 0) {
            b.putDouble(244, durationSeconds);
        } else {
            b.putInt(244, (int) durationNumerator);
            b.putInt(248, (int) durationDenominator);
        }
        b.putShort(252, (short) ns);

        int v = 256;
        for (int k = 0; k < ns; k++) {
            Chan c = channels.get(k);
            putText(b, v + 16 * k, c.label(), 16);
            putText(b, v + 16 * ns + 80 * k, "test transducer", 80);
            putText(b, v + 96 * ns + 6 * k, "", 6);
            b.putShort(v + 102 * ns + 2 * k, (short) c.dimensionCode());
            b.putDouble(v + 104 * ns + 8 * k, c.physMin());
            b.putDouble(v + 112 * ns + 8 * k, c.physMax());
            b.putDouble(v + 120 * ns + 8 * k, c.digMin());
            b.putDouble(v + 128 * ns + 8 * k, c.digMax());
            b.putInt(v + 216 * ns + 4 * k, c.samplesPerRecord());
            b.putInt(v + 220 * ns + 4 * k, c.type().code());
        }
        b.position(256 * (ns + 1));
        b.put(taggedHeader);

        for (long r = 0; r < records; r++) {
            for (Chan c : channels) {
                for (int s = 0; s < c.samplesPerRecord(); s++) {
                    put(b, c.type(), c.digital()[(int) (r * c.samplesPerRecord() + s)]);
                }
            }
        }
        if (eventMode != 0) {
            int n = events.size();
            b.put((byte) eventMode).put((byte) n).put((byte) (n >> 8)).put((byte) (n >> 16)).putFloat(eventRate);
            events.forEach(e -> b.putInt((int) e.position()));
            events.forEach(e -> b.putShort((short) e.type()));
            if (eventMode == 3) {
                events.forEach(e -> b.putShort((short) e.channel()));
                events.forEach(e -> b.putInt((int) e.duration()));
            }
        }
        return b.array();
    }

    Path write(Path file) throws IOException {
        Files.write(file, toBytes());
        return file;
    }

    private static void putText(ByteBuffer b, int offset, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < length; i++) {
            b.put(offset + i, i < bytes.length ? bytes[i] : (byte) ' ');
        }
    }

    private static void put(ByteBuffer b, GdfDataType type, double value) {
        switch (type) {
            case INT8, UINT8 -> b.put((byte) (long) value);
            case INT16, UINT16 -> b.putShort((short) (long) value);
            case INT32, UINT32 -> b.putInt((int) (long) value);
            case INT64 -> b.putLong((long) value);
            case UINT64 -> b.putLong(value >= 0x1p63 ? (long) (value - 0x1p64) : (long) value);
            case FLOAT32 -> b.putFloat((float) value);
            case FLOAT64 -> b.putDouble(value);
            case INT24, UINT24 -> {
                long x = (long) value;
                b.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
            }
        }
    }
}

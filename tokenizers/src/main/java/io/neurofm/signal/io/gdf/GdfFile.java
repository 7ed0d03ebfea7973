package io.neurofm.signal.io.gdf;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Annotations;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An open GDF file. {@link #read} reads only the data records that cover the window: up to
 * 4 MiB of whole records at a time, or, when one record is larger than that, only the
 * selected channels' part of each record.
 */
public final class GdfFile implements SignalFile {
    static final int CHUNK_BYTES = 4 << 20;

    private final GdfHeader gdf;
    private final FileChannel channel;
    private final RecordingHeader header;
    private final long[] channelOffsets;
    private int chunkBytes = CHUNK_BYTES;
    private long dataBytesRead;

    GdfFile(GdfHeader gdf, FileChannel channel) {
        this.gdf = gdf;
        this.channel = channel;
        this.header = recordingHeader(gdf);
        this.channelOffsets = new long[gdf.channels().size()];
        long offset = 0;
        for (int c = 0; c < channelOffsets.length; c++) {
            channelOffsets[c] = offset;
            offset += gdf.channels().get(c).bytesPerRecord();
        }
    }

    @Override
    public RecordingHeader header() {
        return header;
    }

    /** Everything the GDF header and event table state, beyond the common header. */
    public GdfHeader gdfHeader() {
        return gdf;
    }

    /**
     * A human description of an event code: the file's own text for user codes (GDF 2 header tag 1)
     * first, then the standard GDF table ({@link GdfEventCodes}).
     */
    public Optional<String> describe(int code) {
        String own = gdf.userEventDescriptions().get(code);
        return own != null ? Optional.of(own) : GdfEventCodes.standard().describe(code);
    }

    /** Test hook: a smaller read chunk exercises chunk boundaries and the large-record path. */
    void chunkBytes(int bytes) {
        if (bytes < 8) {
            throw new IllegalArgumentException("chunk must hold one float64 sample, got " + bytes + " bytes");
        }
        this.chunkBytes = bytes;
    }

    /** Bytes of data records read so far (to check that a window reads only the records it needs). */
    long dataBytesRead() {
        return dataBytesRead;
    }

    @Override
    public Recording read(ReadRequest request) throws IOException {
        Path file = gdf.file();
        int[] selected = select(request.channels());
        long spr = gdf.channels().get(selected[0]).samplesPerRecord();
        TreeSet<Double> rates = new TreeSet<>();
        for (int c : selected) {
            rates.add(gdf.samplingRate(c));
        }
        if (rates.size() > 1) {
            throw new SignalException(file, "the selected channels have different sampling rates " + rates
                    + " Hz; select channels of one rate or read with resampling to a common rate");
        }
        double rate = rates.first();
        long total = gdf.records() * spr;
        long start = request.startSample();
        long count = request.sampleCount() < 0 ? total - start : request.sampleCount();
        if (start > total || count > total - start) {
            throw new SignalException(file, "window of " + (request.sampleCount() < 0 ? "all" : count)
                    + " samples from sample " + start + " reaches past the end (" + total + " samples at " + rate
                    + " Hz)");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new SignalException(file, "window of " + count + " samples is larger than one array can hold;"
                    + " read it in smaller windows");
        }
        float[][] samples = new float[selected.length][(int) count];
        if (count > 0) {
            readSamples(selected, spr, start, (int) count, samples);
        }

        List<Channel> channels = new ArrayList<>(selected.length);
        for (int c : selected) {
            channels.add(header.channels().get(c));
        }
        boolean whole = start == 0 && count == total;
        double startSeconds = start / rate;
        List<Object> params = new ArrayList<>(List.of("file", file.getFileName().toString(), "format",
                header.format()));
        if (!whole) {
            params.addAll(List.of("window", start + ".." + (start + count) + " samples at " + rate + " Hz"));
        }
        if (selected.length != gdf.channels().size()) {
            params.addAll(List.of("channels", String.join(",", channels.stream().map(Channel::name).toList())));
        }
        Transform step = Transform.of("read", params.toArray());
        Instant startTime = header.startTime() == null ? null
                : header.startTime().plusNanos(Math.round(startSeconds * 1e9));
        List<Annotation> annotations = whole ? header.annotations()
                : Annotations.window(header.annotations(), startSeconds, (start + count) / rate);
        return new Recording(channels, samples, rate, annotations, header.ids(), startTime, startSeconds,
                List.of(step));
    }

    private int[] select(List<String> names) throws SignalException {
        int ns = gdf.channels().size();
        if (names.isEmpty()) {
            int[] all = new int[ns];
            for (int c = 0; c < ns; c++) {
                all[c] = c;
            }
            return all;
        }
        int[] out = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            int found = -1;
            for (int c = 0; c < ns; c++) {
                if (gdf.channels().get(c).label().equals(names.get(i))) {
                    if (found >= 0) {
                        throw new SignalException(gdf.file(), "channel name \"" + names.get(i)
                                + "\" is ambiguous: the file has it more than once");
                    }
                    found = c;
                }
            }
            if (found < 0) {
                throw new SignalException(gdf.file(), "no channel named \"" + names.get(i) + "\"; the file has "
                        + gdf.channels().stream().map(GdfChannelHeader::label).toList());
            }
            out[i] = found;
        }
        return out;
    }

    private void readSamples(int[] selected, long spr, long start, int count, float[][] out) throws IOException {
        long recordBytes = gdf.recordBytes();
        long end = start + count;
        long firstRecord = start / spr;
        long lastRecord = (end - 1) / spr;
        if (recordBytes <= chunkBytes) {
            int perChunk = (int) Math.min(chunkBytes / recordBytes, lastRecord - firstRecord + 1);
            ByteBuffer buf = ByteBuffer.allocate((int) (perChunk * recordBytes)).order(ByteOrder.LITTLE_ENDIAN);
            for (long r0 = firstRecord; r0 <= lastRecord; r0 += perChunk) {
                int n = (int) Math.min(perChunk, lastRecord - r0 + 1);
                buf.clear().limit((int) (n * recordBytes));
                fill(buf, gdf.headerLength() + r0 * recordBytes);
                for (int i = 0; i < n; i++) {
                    long recordStart = (r0 + i) * spr;
                    long from = Math.max(start, recordStart);
                    long to = Math.min(end, recordStart + spr);
                    for (int s = 0; s < selected.length; s++) {
                        int c = selected[s];
                        long pos = i * recordBytes + channelOffsets[c]
                                + (from - recordStart) * gdf.channels().get(c).dataType().bytes();
                        decode(gdf.channels().get(c), buf, (int) pos, from, to, start, out[s]);
                    }
                }
            }
        } else {
            // Records too large to read whole: read each selected channel's part of the window,
            // at most chunkBytes at a time.
            ByteBuffer buf = ByteBuffer.allocate(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (long record = firstRecord; record <= lastRecord; record++) {
                long recordStart = record * spr;
                long from = Math.max(start, recordStart);
                long to = Math.min(end, recordStart + spr);
                for (int s = 0; s < selected.length; s++) {
                    GdfChannelHeader ch = gdf.channels().get(selected[s]);
                    int bytes = ch.dataType().bytes();
                    int perPiece = chunkBytes / bytes;
                    for (long a = from; a < to; a += perPiece) {
                        long b = Math.min(to, a + perPiece);
                        buf.clear().limit((int) ((b - a) * bytes));
                        fill(buf, gdf.headerLength() + record * recordBytes + channelOffsets[selected[s]]
                                + (a - recordStart) * bytes);
                        decode(ch, buf, 0, a, b, start, out[s]);
                    }
                }
            }
        }
    }

    /**
     * Decodes file samples [from, to) of one channel, the first of them at byte {@code pos} of
     * {@code buf}, into {@code out} (index 0 = sample {@code start}): digital * gain + offset as
     * MNE computes it, then the unit's factor to SI.
     */
    private static void decode(GdfChannelHeader ch, ByteBuffer buf, int pos, long from, long to, long start,
                               float[] out) {
        GdfDataType type = ch.dataType();
        double gain = ch.gain();
        double offset = ch.offset();
        double scale = ch.unit().scale();
        int bytes = type.bytes();
        int o = (int) (from - start);
        for (long t = from; t < to; t++, pos += bytes, o++) {
            out[o] = (float) ((type.decode(buf, pos) * gain + offset) * scale);
        }
    }

    private void fill(ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new SignalFormatException(gdf.file(), "data records", pos,
                        "data up to byte " + gdf.dataEnd(), "the file ends at byte " + pos + " (changed since open?)");
            }
            pos += n;
            dataBytesRead += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static RecordingHeader recordingHeader(GdfHeader gdf) {
        List<Channel> channels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int c = 0; c < gdf.channels().size(); c++) {
            GdfChannelHeader ch = gdf.channels().get(c);
            channels.add(new Channel(ch.label(), ch.unit().type(), ch.unit().unit(), gdf.samplingRate(c), null));
            counts.add(gdf.records() * ch.samplesPerRecord());
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("version", gdf.version().formatName().substring(4));
        props.put("records", Long.toString(gdf.records()));
        props.put("record duration s", gdf.duration().toString());
        if (!gdf.recordingId().isEmpty()) {
            props.put("recording id", gdf.recordingId());
        }
        GdfEventTable events = gdf.eventTable();
        props.put("event table mode", events.mode() == 0 ? "none" : Integer.toString(events.mode()));
        if (events.mode() != 0) {
            props.put("event sampling rate", Double.toString(events.rate()));
            props.put("event sampling rate in file", Double.toString(events.statedRate()));
        }
        if (!gdf.extensionTags().isEmpty()) {
            props.put("header extension tags", String.join(",", gdf.extensionTags().stream().map(String::valueOf)
                    .toList()));
        }
        if (!gdf.manufacturer().isEmpty()) {
            props.put("manufacturer", gdf.manufacturer());
        }
        gdf.userEventDescriptions().forEach((code, text) -> props.put(String.format("user event 0x%04X", code), text));
        return new RecordingHeader(gdf.file(), gdf.version().formatName(), channels, counts,
                events.annotations(), ids(gdf.patientId()), gdf.startTime(), props);
    }

    /** The subject is the first word of the patient field, unless blank or "X" (not stated). */
    private static RecordingIds ids(String patient) {
        String first = patient.strip().split("\\s+", 2)[0];
        return first.isEmpty() || first.equals("X") ? RecordingIds.NONE : RecordingIds.NONE.withSubject(first);
    }
}

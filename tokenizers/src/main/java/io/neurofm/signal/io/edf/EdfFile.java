package io.neurofm.signal.io.edf;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Annotations;
import io.neurofm.signal.Channel;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An open EDF/EDF+/BDF file. The header and annotations are read on open; {@link #read} reads
 * only the data records that the window covers, with positioned reads.
 */
public final class EdfFile implements SignalFile {
    /** Records up to this size are read in runs; bigger ones one channel span at a time. */
    private static final long WHOLE_RECORD_LIMIT = 1 << 20;
    private static final int CHUNK_BYTES = 8 << 20;

    /** A data (non-annotation) signal with the channel it becomes and how its samples decode. */
    record DataSignal(EdfSignal signal, Channel channel, SampleDecoder decoder) {
    }

    private final Path file;
    private final FileChannel channel;
    private final EdfHeader edf;
    private final EdfTimeline timeline;
    private final List<DataSignal> data;
    private final RecordingHeader header;
    private final Instant startTime;

    EdfFile(Path file, FileChannel channel, EdfHeader edf, EdfTimeline timeline, List<DataSignal> data,
            Map<String, String> properties) {
        this.file = file;
        this.channel = channel;
        this.edf = edf;
        this.timeline = timeline;
        this.data = List.copyOf(data);
        this.startTime = edf.startDateTime() == null ? null
                : later(edf.startDateTime().toInstant(ZoneOffset.UTC), timeline.firstRecordOnset());
        List<Channel> channels = data.stream().map(DataSignal::channel).toList();
        List<Long> counts = data.stream().map(d -> edf.dataRecords() * d.signal().samplesPerRecord()).toList();
        this.header = new RecordingHeader(file, edf.formatName(), channels, counts, timeline.annotations(), null,
                startTime, properties);
    }

    @Override
    public RecordingHeader header() {
        return header;
    }

    /** The header fields exactly as parsed (scaling ranges, labels before de-duplication, ...). */
    public EdfHeader edfHeader() {
        return edf;
    }

    /**
     * Onset of each data record in seconds from the first record: {@code r * duration} for
     * continuous files, the time-keeping TAL onsets for EDF+D/BDF+D.
     */
    public double[] recordOnsets() {
        double[] onsets = new double[(int) edf.dataRecords()];
        for (int r = 0; r < onsets.length; r++) {
            onsets[r] = timeline.recordOnset(r);
        }
        return onsets;
    }

    @Override
    public Recording read(ReadRequest request) throws IOException {
        List<DataSignal> selected = select(request.channels());
        int spr = selected.get(0).signal().samplesPerRecord();
        double rate = selected.get(0).channel().samplingRate();
        long total = edf.dataRecords() * spr;
        long start = request.startSample();
        long count = request.sampleCount() < 0 ? total - start : request.sampleCount();
        if (start > total || count > total - start) {
            throw new SignalException(file, "window of samples [" + start + ", "
                    + (request.sampleCount() < 0 ? "end" : String.valueOf(start + count)) + ") at " + rate
                    + " Hz reaches past the end of the recording (" + total + " samples)");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new SignalException(file, "window of " + count + " samples is too long for one read; read it in"
                    + " windows of at most " + (Integer.MAX_VALUE - 8) + " samples");
        }
        float[][] samples = new float[selected.size()][(int) count];
        if (count > 0) {
            if (edf.recordBytes() <= WHOLE_RECORD_LIMIT) {
                readRecordRuns(selected, spr, start, (int) count, samples);
            } else {
                readSpans(selected, spr, start, (int) count, samples);
            }
        }
        boolean whole = start == 0 && count == total;
        List<Annotation> annotations = whole && !timeline.discontinuous()
                ? timeline.annotations() : windowAnnotations(start / rate, (start + count) / rate, whole);
        Instant first = startTime == null ? null : later(startTime, firstSampleTime(start, spr, rate));
        return new Recording(selected.stream().map(DataSignal::channel).toList(), samples, rate, annotations,
                null, first, start / rate, List.of(provenance(request, start, count, total, rate)));
    }

    private Transform provenance(ReadRequest request, long start, long count, long total, double rate) {
        List<Object> params = new ArrayList<>(List.of("file", String.valueOf(file.getFileName()),
                "format", edf.formatName()));
        if (start != 0 || count != total) {
            params.add("window");
            params.add("samples [" + start + ", " + (start + count) + ") at " + rate + " Hz");
        }
        if (!request.channels().isEmpty()) {
            params.add("channels");
            params.add(String.join(",", request.channels()));
        }
        return Transform.of("read", params.toArray());
    }

    /** {@code instant} plus a (bounded, see TalParser.MAX_SECONDS) number of seconds, to the nanosecond. */
    private static Instant later(Instant instant, double seconds) {
        double whole = Math.floor(seconds);
        return instant.plusSeconds((long) whole).plusNanos(Math.round((seconds - whole) * 1e9));
    }

    /** Seconds from the first record's start to sample {@code s} (gaps of EDF+D included). */
    private double firstSampleTime(long s, int spr, double rate) {
        long record = s / spr;
        if (record >= edf.dataRecords()) {
            return s / rate;
        }
        return timeline.recordOnset(record) + (s - record * spr) / rate;
    }

    /** Annotations on the sample timeline (EDF+D gaps removed), cut to the window unless it is the whole file. */
    private List<Annotation> windowAnnotations(double from, double to, boolean whole) {
        List<Annotation> onSampleTime = timeline.annotations().stream()
                .map(a -> new Annotation(timeline.toSampleTime(a.onsetSeconds()), a.durationSeconds(),
                        a.description(), a.code()))
                .toList();
        return whole ? onSampleTime : Annotations.window(onSampleTime, from, to);
    }

    private List<DataSignal> select(List<String> names) throws SignalException {
        if (data.isEmpty()) {
            throw new SignalException(file, "has no data signals (only annotations)");
        }
        List<DataSignal> selected = new ArrayList<>();
        if (names.isEmpty()) {
            selected.addAll(data);
        } else {
            for (String name : names) {
                DataSignal found = data.stream().filter(d -> d.channel().name().equals(name)).findFirst()
                        .orElse(null);
                if (found == null) {
                    throw new SignalException(file, "has no channel named \"" + name + "\"; channels are "
                            + data.stream().map(d -> d.channel().name()).toList());
                }
                selected.add(found);
            }
        }
        TreeSet<Double> rates = new TreeSet<>();
        selected.forEach(d -> rates.add(d.channel().samplingRate()));
        if (rates.size() > 1) {
            String perChannel = selected.stream().map(d -> d.channel().name() + " " + d.channel().samplingRate()
                    + " Hz").collect(Collectors.joining(", "));
            throw new SignalException(file, "the selected channels have different sampling rates " + rates
                    + " Hz (" + perChannel + "); select channels of one rate or resample to a common rate");
        }
        return selected;
    }

    /** Reads runs of whole records and decodes the selected signals' parts of the window. */
    private void readRecordRuns(List<DataSignal> selected, int spr, long start, int count, float[][] out)
            throws IOException {
        long recordBytes = edf.recordBytes();
        long firstRecord = start / spr;
        long endRecord = (start + count + spr - 1) / spr;
        int perRun = (int) Math.max(1, CHUNK_BYTES / recordBytes);
        ByteBuffer buffer = ByteBuffer.allocate((int) (Math.min(perRun, endRecord - firstRecord) * recordBytes));
        int w = edf.sampleBytes();
        for (long runStart = firstRecord; runStart < endRecord; runStart += perRun) {
            int n = (int) Math.min(perRun, endRecord - runStart);
            buffer.clear().limit((int) (n * recordBytes));
            EdfHeaderParser.readFully(file, channel, edf.headerBytes() + runStart * recordBytes, buffer);
            byte[] bytes = buffer.array();
            for (int k = 0; k < n; k++) {
                long record = runStart + k;
                long recordFirst = record * spr;
                int from = (int) Math.max(0, start - recordFirst);
                int to = (int) Math.min(spr, start + count - recordFirst);
                int dst = (int) (recordFirst + from - start);
                for (int c = 0; c < selected.size(); c++) {
                    DataSignal d = selected.get(c);
                    int src = (int) (k * recordBytes + d.signal().offsetInRecord()) + from * w;
                    d.decoder().decode(bytes, src, to - from, out[c], dst);
                }
            }
        }
    }

    /** For big records: reads only each selected signal's span of the window, record by record. */
    private void readSpans(List<DataSignal> selected, int spr, long start, int count, float[][] out)
            throws IOException {
        int w = edf.sampleBytes();
        int maxSamples = Math.max(1, CHUNK_BYTES / w);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min((long) maxSamples * w, (long) count * w));
        long firstRecord = start / spr;
        long endRecord = (start + count + spr - 1) / spr;
        for (long record = firstRecord; record < endRecord; record++) {
            long recordFirst = record * spr;
            int from = (int) Math.max(0, start - recordFirst);
            int to = (int) Math.min(spr, start + count - recordFirst);
            for (int c = 0; c < selected.size(); c++) {
                DataSignal d = selected.get(c);
                for (int piece = from; piece < to; piece += maxSamples) {
                    int n = Math.min(maxSamples, to - piece);
                    buffer.clear().limit(n * w);
                    EdfHeaderParser.readFully(file, channel, edf.offsetOf(record, d.signal()) + (long) piece * w,
                            buffer);
                    d.decoder().decode(buffer.array(), 0, n, out[c], (int) (recordFirst + piece - start));
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static Map<String, String> properties(EdfHeader edf, EdfTimeline timeline, List<DataSignal> data) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("version", edf.version());
        p.put("patient", edf.patient());
        p.put("recording", edf.recording());
        p.put("reserved", edf.reserved());
        p.put("data_records", String.valueOf(edf.dataRecords()));
        if (edf.declaredRecords() != edf.dataRecords()) {
            p.put("declared_data_records", String.valueOf(edf.declaredRecords()));
        }
        if (edf.trailingBytes() > 0) {
            p.put("trailing_bytes", String.valueOf(edf.trailingBytes()));
        }
        p.put("record_duration", edf.recordDurationText());
        p.put("discontinuous", String.valueOf(edf.discontinuous()));
        if (timeline.discontinuous()) {
            StringBuilder sb = new StringBuilder();
            for (double onset : timeline.recordOnsets()) {
                sb.append(sb.length() == 0 ? "" : " ").append(onset);
            }
            p.put("record_onsets", sb.toString());
        }
        if (edf.startDateTime() == null) {
            p.put("startdate_invalid", "true");
        }
        String degenerate = data.stream().filter(d -> d.signal().hasDegenerateScaling())
                .map(d -> d.channel().name()).collect(Collectors.joining(","));
        if (!degenerate.isEmpty()) {
            p.put("scaling_undefined", degenerate);
        }
        return p;
    }
}

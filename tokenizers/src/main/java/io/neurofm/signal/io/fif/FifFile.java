package io.neurofm.signal.io.fif;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Annotations;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An open raw FIF file: the header parsed on open, samples read per window from the buffers covering it. */
final class FifFile implements SignalFile {
    /** Longest window one read returns (Java arrays are int-indexed). */
    static final long MAX_WINDOW_SAMPLES = Integer.MAX_VALUE - 8;

    private final RecordingHeader header;
    private final ByteSource source;
    private final RawBufferIndex index;
    private final double[] cals;
    private final double sfreq;

    FifFile(RecordingHeader header, ByteSource source, RawBufferIndex index, double[] cals, double sfreq) {
        this.header = header;
        this.source = source;
        this.index = index;
        this.cals = cals;
        this.sfreq = sfreq;
    }

    @Override
    public RecordingHeader header() {
        return header;
    }

    @Override
    public Recording read(ReadRequest request) throws IOException {
        int[] selected = select(request.channels());
        long total = index.sampleCount();
        long start = request.startSample();
        if (start > total || (request.sampleCount() >= 0 && request.sampleCount() > total - start)) {
            throw new SignalException(header.file(), "window starting at sample " + start + " with "
                    + (request.sampleCount() < 0 ? "all remaining" : String.valueOf(request.sampleCount()))
                    + " samples reaches past the end of the recording (" + total + " samples)");
        }
        long end = request.sampleCount() < 0 ? total : start + request.sampleCount();
        if (end - start > MAX_WINDOW_SAMPLES) {
            throw new SignalException(header.file(), "window of " + (end - start) + " samples is longer than one read"
                    + " can hold (" + MAX_WINDOW_SAMPLES + "); read it in windows");
        }
        checkHeap(selected.length, end - start);
        float[][] samples = new float[selected.length][(int) (end - start)];
        RawSampleReader.read(source, index, cals.length, selected, cals, start, end, samples);

        List<Channel> channels = new ArrayList<>(selected.length);
        for (int c : selected) {
            channels.add(header.channels().get(c));
        }
        double from = start / sfreq;
        double to = end / sfreq;
        List<Annotation> annotations = Annotations.window(header.annotations(), from, to);
        Instant startTime = header.startTime() == null ? null
                : FifReader.plusSeconds(header.startTime(), from, header.file(), "window start");
        boolean whole = start == 0 && end == total;
        Transform step = whole
                ? Transform.of("read", "file", header.file().getFileName(), "format", FifReader.FORMAT)
                : Transform.of("read", "file", header.file().getFileName(), "format", FifReader.FORMAT,
                        "window", start + ".." + end, "unit", "samples");
        return new Recording(channels, samples, sfreq, annotations, header.ids(), startTime, from, List.of(step));
    }

    /** Refuses a window the heap cannot hold rather than failing with OutOfMemoryError. */
    private void checkHeap(int channels, long samples) throws SignalException {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long needed = 4L * channels * samples + 16L * channels;
        if (needed > available) {
            throw new SignalException(header.file(), "a window of " + channels + " channels x " + samples
                    + " samples needs " + needed + " bytes but about " + available
                    + " are free on the Java heap; read smaller windows");
        }
    }

    private int[] select(List<String> names) throws SignalException {
        if (names.isEmpty()) {
            int[] all = new int[header.channelCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] selected = new int[names.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = header.indexOf(names.get(i));
            if (selected[i] < 0) {
                throw new SignalException(header.file(), "has no channel named \"" + names.get(i) + "\"");
            }
        }
        return selected;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}

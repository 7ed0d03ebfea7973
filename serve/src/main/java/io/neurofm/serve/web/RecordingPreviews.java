package io.neurofm.serve.web;

import io.neurofm.serve.web.RecordingPreview.PreviewAnnotation;
import io.neurofm.serve.web.RecordingPreview.PreviewChannel;
import io.neurofm.serve.web.RecordingPreview.SkippedChannel;
import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the excerpt of a recording file that the page plots. Only the excerpt's bytes are read
 * ({@link SignalFile#read} with a window), so previewing a long upload costs its first seconds.
 */
public final class RecordingPreviews {
    /** Largest excerpt, points per channel and channel count a client may ask for. */
    public static final double MAX_SECONDS = 60;
    public static final int MAX_POINTS = 5000;
    public static final int MAX_CHANNELS = 512;

    /**
     * @param startSeconds where the excerpt starts (refused when at or past the end)
     * @param seconds      excerpt length; cut at the end of the recording
     * @param maxPoints    at most this many points per channel
     * @param maxChannels  at most this many channels (the first ones at the shown rate)
     */
    public record Request(double startSeconds, double seconds, int maxPoints, int maxChannels) {
        public Request {
            check(startSeconds >= 0 && Double.isFinite(startSeconds), "start", "a number of seconds >= 0", startSeconds);
            check(seconds > 0 && seconds <= MAX_SECONDS, "seconds", "in (0, " + MAX_SECONDS + "]", seconds);
            check(maxPoints >= 2 && maxPoints <= MAX_POINTS, "points", "in [2, " + MAX_POINTS + "]", maxPoints);
            check(maxChannels >= 1 && maxChannels <= MAX_CHANNELS, "channels", "in [1, " + MAX_CHANNELS + "]",
                    maxChannels);
        }

        private static void check(boolean ok, String field, String expected, Object found) {
            if (!ok) {
                throw new PreviewException(field, field + " must be " + expected + ", got " + found);
            }
        }
    }

    /** A request parameter the preview cannot honour; the controller answers 400 naming it. */
    public static final class PreviewException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public PreviewException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private RecordingPreviews() {}

    /**
     * @param file        the recording on disk (its name's ending picks the reader)
     * @param displayName the name reported back (the client's file name, not the server's temp path)
     * @throws SignalException for a file no reader can open or read
     */
    public static RecordingPreview preview(Path file, String displayName, Request request) throws IOException {
        try (SignalFile signalFile = Readers.open(file, OpenOptions.DEFAULT)) {
            RecordingHeader header = signalFile.header();
            if (header.channelCount() == 0) {
                throw new SignalException(file, "has no channels");
            }
            double rate = dominantRate(header);
            List<String> atRate = Readers.channelsAtRate(header, rate);
            List<SkippedChannel> skipped = new ArrayList<>();
            for (Channel c : header.channels()) {
                if (Double.compare(c.samplingRate(), rate) != 0) {
                    skipped.add(new SkippedChannel(c.name(), c.samplingRate()));
                }
            }
            List<String> shown = atRate.subList(0, Math.min(atRate.size(), request.maxChannels()));
            long available = Long.MAX_VALUE;
            for (String name : shown) {
                available = Math.min(available, header.sampleCounts().get(header.indexOf(name)));
            }
            long start = Math.round(request.startSeconds() * rate);
            if (start >= available) {
                throw new PreviewException("start", "start " + request.startSeconds() + " s is at or past the end of "
                        + "the recording (" + available / rate + " s at " + rate + " Hz)");
            }
            long count = Math.min(available - start, Math.max(1, Math.round(request.seconds() * rate)));
            Recording excerpt = signalFile.read(new ReadRequest(start, count, shown));
            int bucket = MinMaxDecimation.bucketSize(excerpt.sampleCount(), request.maxPoints());
            float[][] data = new float[excerpt.channelCount()][];
            for (int c = 0; c < data.length; c++) {
                data[c] = MinMaxDecimation.decimate(excerpt.channelData(c), bucket);
            }
            List<PreviewChannel> channels = excerpt.channels().stream()
                    .map(c -> new PreviewChannel(c.name(), c.type().name(), c.unit())).toList();
            double startSeconds = start / rate;
            double endSeconds = (start + count) / rate;
            List<PreviewAnnotation> annotations = new ArrayList<>();
            for (Annotation a : header.annotations()) {
                if (a.onsetSeconds() < endSeconds && a.onsetSeconds() + a.durationSeconds() >= startSeconds) {
                    annotations.add(new PreviewAnnotation(a.onsetSeconds(), a.durationSeconds(), a.description()));
                }
            }
            return new RecordingPreview(displayName, header.format(), rate, header.durationSeconds(),
                    header.channelCount(), startSeconds, count / rate, bucket,
                    bucket == 1 ? rate : 2 * rate / bucket, channels, data, skipped, atRate.size() - shown.size(),
                    annotations);
        }
    }

    /** The rate most channels share (the higher one on a tie), so a stray slow channel does not hide the rest. */
    static double dominantRate(RecordingHeader header) {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        header.channels().forEach(c -> counts.merge(c.samplingRate(), 1, Integer::sum));
        double best = Double.NaN;
        int bestCount = -1;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() > best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }
}

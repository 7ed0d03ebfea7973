package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.io.ReadWindow;
import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** An opened BrainVision recording: the header parsed, the binary file open for windowed reads. */
final class BrainVisionFile implements SignalFile {
    /** Bytes decoded per positioned read, so a long window never needs a second copy of itself. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final VhdrHeader vhdr;
    private final RecordingHeader header;
    private final FileChannel data;
    private final long samples;
    /** Per channel: resolution times the unit factor, applied in double as MNE does. */
    private final double[] scale;

    private BrainVisionFile(VhdrHeader vhdr, RecordingHeader header, FileChannel data, long samples) {
        this.vhdr = vhdr;
        this.header = header;
        this.data = data;
        this.samples = samples;
        this.scale = new double[vhdr.channelCount()];
        for (int c = 0; c < scale.length; c++) {
            ChannelInfo info = vhdr.channels().get(c);
            scale[c] = info.resolution() * Units.factor(info.unit());
        }
    }

    static BrainVisionFile open(Path file) throws IOException {
        VhdrHeader vhdr = VhdrHeader.read(file);
        FileChannel data;
        try {
            data = FileChannel.open(vhdr.dataFile(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SignalException(file, "data file " + vhdr.dataFile() + " (DataFile in [Common Infos]) not found", e);
        }
        try {
            long samples = sampleCount(file, vhdr, data.size());
            List<Channel> channels = ChannelTyping.channels(vhdr);
            MarkerFile markers = vhdr.markerFile() == null
                    ? new MarkerFile(List.of(), null)
                    : MarkerFile.read(vhdr.markerFile(), samples, vhdr.channelCount());
            List<Annotation> annotations = new ArrayList<>();
            double rate = vhdr.samplingRate();
            for (Marker m : markers.markers()) {
                String text = m.annotationText();
                annotations.add(new Annotation((m.position() - 1) / rate, m.size() / rate, text, EventCodes.of(text)));
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("version", vhdr.version() + ".0");
            properties.put("dataFile", vhdr.dataFile().getFileName().toString());
            if (vhdr.markerFile() != null) {
                properties.put("markerFile", vhdr.markerFile().getFileName().toString());
            }
            properties.put("dataOrientation", vhdr.orientation().name());
            properties.put("binaryFormat", vhdr.format().name());
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                counts.add(samples);
            }
            RecordingHeader header = new RecordingHeader(file, BrainVisionReader.FORMAT, channels, counts, annotations,
                    RecordingIds.NONE, markers.startTime(), properties);
            return new BrainVisionFile(vhdr, header, data, samples);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Samples per channel from the data file's size, which must hold whole time points. */
    private static long sampleCount(Path file, VhdrHeader vhdr, long size) throws SignalFormatException {
        long frame = (long) vhdr.channelCount() * vhdr.format().bytes();
        if (size == 0 || size % frame != 0) {
            throw new SignalFormatException(file, "size of " + vhdr.dataFile().getFileName(), size,
                    "a non-zero multiple of NumberOfChannels x " + vhdr.format().bytes() + " bytes = " + frame,
                    size + " bytes");
        }
        long samples = size / frame;
        if (vhdr.dataPoints().isPresent() && vhdr.dataPoints().getAsLong() != samples) {
            throw new SignalFormatException(file, "[Common Infos] DataPoints", -1,
                    samples + " (the data file holds " + size + " bytes)", String.valueOf(vhdr.dataPoints().getAsLong()));
        }
        return samples;
    }

    @Override
    public RecordingHeader header() {
        return header;
    }

    @Override
    public Recording read(ReadRequest request) throws IOException {
        ReadWindow w = ReadWindow.of(header, samples, request);
        float[][] out = new float[w.channels().length][w.count()];
        if (vhdr.orientation() == Orientation.MULTIPLEXED) {
            readMultiplexed(w, out);
        } else {
            readVectorized(w, out);
        }
        List<Channel> channels = new ArrayList<>();
        for (int c : w.channels()) {
            channels.add(header.channels().get(c));
        }
        double rate = vhdr.samplingRate();
        List<String> names = channels.stream().map(Channel::name).toList();
        Instant start = header.startTime() == null ? null
                : header.startTime().plusNanos(Math.round(w.start() / rate * 1e9));
        return new Recording(channels, out, rate, w.annotations(header.annotations(), rate), header.ids(), start,
                w.start() / rate, List.of(w.provenance(header.file().getFileName().toString(), BrainVisionReader.FORMAT,
                names)));
    }

    /** Time points are contiguous: one block from the window's first to its last time point. */
    private void readMultiplexed(ReadWindow w, float[][] out) throws IOException {
        int bytes = vhdr.format().bytes();
        int frame = vhdr.channelCount() * bytes;
        int framesPerChunk = Math.max(1, CHUNK_BYTES / frame);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(framesPerChunk, Math.max(1, w.count())) * frame)
                .order(vhdr.byteOrder());
        for (int done = 0; done < w.count(); ) {
            int frames = Math.min(framesPerChunk, w.count() - done);
            readFully(buffer, frames * frame, (w.start() + done) * frame);
            for (int t = 0; t < frames; t++) {
                int base = t * frame;
                for (int k = 0; k < w.channels().length; k++) {
                    int c = w.channels()[k];
                    out[k][done + t] = (float) (vhdr.format().decode(buffer, base + c * bytes) * scale[c]);
                }
            }
            done += frames;
        }
    }

    /** Each channel is contiguous: one range per selected channel. */
    private void readVectorized(ReadWindow w, float[][] out) throws IOException {
        int bytes = vhdr.format().bytes();
        int perChunk = CHUNK_BYTES / bytes;
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(perChunk, Math.max(1, w.count())) * bytes)
                .order(vhdr.byteOrder());
        for (int k = 0; k < w.channels().length; k++) {
            int c = w.channels()[k];
            long channelStart = ((long) c * samples + w.start()) * bytes;
            for (int done = 0; done < w.count(); ) {
                int n = Math.min(perChunk, w.count() - done);
                readFully(buffer, n * bytes, channelStart + (long) done * bytes);
                for (int t = 0; t < n; t++) {
                    out[k][done + t] = (float) (vhdr.format().decode(buffer, t * bytes) * scale[c]);
                }
                done += n;
            }
        }
    }

    private void readFully(ByteBuffer buffer, int length, long position) throws IOException {
        buffer.clear().limit(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = data.read(buffer, at);
            if (n < 0) {
                throw new SignalFormatException(vhdr.dataFile(), null, at,
                        (position + length) + " bytes (the file was shorter than when it was opened)", at + " bytes");
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    /** The event codes MNE's events_from_annotations gives BrainVision markers it knows. */
    static final class EventCodes {
        private static final Map<String, Integer> OFFSETS = Map.of(
                "Event/", 0, "Stimulus/S", 0, "Response/R", 1000, "Optic/O", 2000);
        private static final Map<String, Integer> OTHERS = Map.of("New Segment/", 99999, "SyncStatus/Sync On", 99998);

        private EventCodes() {
        }

        /**
         * "Stimulus/S  1" is 1, "Response/R255" 1255, "Optic/O  1" 2001: the last three characters
         * hold the number. Descriptions MNE has no fixed code for get none.
         */
        static OptionalInt of(String description) {
            int split = Math.max(0, description.length() - 3);
            String digits = description.substring(split).strip();
            Integer offset = OFFSETS.get(description.substring(0, split));
            if (offset != null && !digits.isEmpty() && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return OptionalInt.of(Integer.parseInt(digits) + offset);
            }
            Integer other = OTHERS.get(description);
            return other == null ? OptionalInt.empty() : OptionalInt.of(other);
        }
    }
}

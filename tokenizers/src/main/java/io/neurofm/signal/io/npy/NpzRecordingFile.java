package io.neurofm.signal.io.npy;

import io.neurofm.signal.io.ReadWindow;
import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An opened .npz/.npy recording: header and sidecar parsed, array bytes read per window. */
final class NpzRecordingFile implements SignalFile {
    /** Far above any recording; keeps a corrupt shape from making millions of channel objects. */
    static final long MAX_CHANNELS = 1 << 20;
    private static final int CHUNK_BYTES = 1 << 20;

    private final NpyBytes bytes;
    private final NpyHeader array;
    private final RecordingHeader header;
    private final long samples;
    private final double startSeconds;
    private final List<Transform> history;

    private NpzRecordingFile(NpyBytes bytes, NpyHeader array, RecordingHeader header, long samples,
                             double startSeconds, List<Transform> history) {
        this.bytes = bytes;
        this.array = array;
        this.header = header;
        this.samples = samples;
        this.startSeconds = startSeconds;
        this.history = history;
    }

    static NpzRecordingFile open(Path file, OpenOptions options) throws IOException {
        boolean npz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz");
        NpyBytes bytes;
        NpyHeader array;
        String entry = null;
        if (npz) {
            NpzArchive archive = NpzArchive.open(file);
            try {
                entry = dataEntry(archive);
                array = archive.header(entry);
            } catch (IOException | RuntimeException e) {
                archive.close();
                throw e;
            }
            bytes = NpyBytes.of(archive, entry);
        } else {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                InputStream in = Channels.newInputStream(channel);
                array = NpyHeaderParser.read(file, "", in);
                Npy.checkLength(file, "", array, channel.size());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            bytes = NpyBytes.of(file, channel);
        }
        try {
            return build(file, npz ? "NPZ" : "NPY", entry, bytes, array, options);
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    /** "data" (as the converter writes it), or the only array of a bare archive. */
    private static String dataEntry(NpzArchive archive) throws SignalFormatException {
        if (archive.names().contains("data")) {
            return "data";
        }
        if (archive.names().size() == 1) {
            return archive.names().get(0);
        }
        throw new SignalFormatException(archive.file(), "entries", -1,
                "an array named \"data\" (or a single array)", archive.names().toString());
    }

    private static NpzRecordingFile build(Path file, String format, String entry, NpyBytes bytes, NpyHeader array,
                                          OpenOptions options) throws IOException {
        long[] shape = array.shape();
        String where = entry == null ? "shape" : entry + ".npy: shape";
        if (shape.length < 1 || shape.length > 2 || (shape.length == 2 && (shape[0] < 1 || shape[0] > MAX_CHANNELS))) {
            throw new SignalFormatException(file, where, -1,
                    "[channels, samples] with 1.." + MAX_CHANNELS + " channels (or [samples] for one channel)",
                    Arrays.toString(shape));
        }
        long rows = shape.length == 2 ? shape[0] : 1;
        long samples = shape[shape.length - 1];
        Path sidecarFile = NpzRecordingWriter.sidecarFor(file);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("dtype", array.dtype().name().toLowerCase(Locale.ROOT));
        properties.put("order", array.fortranOrder() ? "Fortran" : "C");
        if (entry != null) {
            properties.put("entry", entry + ".npy");
        }
        List<Channel> channels;
        List<Annotation> annotations = List.of();
        RecordingIds ids = RecordingIds.NONE;
        Instant startTime = null;
        double startSeconds = 0;
        List<Transform> history = List.of();
        if (Files.isRegularFile(sidecarFile)) {
            RecordingSidecar sidecar = RecordingSidecar.read(sidecarFile, rows);
            if (options.samplingRate() != null && options.samplingRate() != sidecar.samplingRate()) {
                throw new SignalException(file, "the sidecar " + sidecarFile.getFileName() + " says "
                        + sidecar.samplingRate() + " Hz but OpenOptions asks for " + options.samplingRate()
                        + " Hz; resample after reading instead");
            }
            channels = sidecar.toChannels();
            annotations = sidecar.toAnnotations();
            ids = sidecar.toIds();
            startTime = sidecar.toStartTime();
            startSeconds = sidecar.startSeconds();
            history = sidecar.toProvenance();
            properties.put("sidecar", sidecarFile.getFileName().toString());
        } else {
            if (options.samplingRate() == null) {
                throw new SignalException(file, "a bare " + format + " array carries no sampling rate and there is no"
                        + " sidecar " + sidecarFile.getFileName() + "; open it with OpenOptions.withSamplingRate(hz)");
            }
            channels = new ArrayList<>();
            for (int c = 0; c < rows; c++) {
                channels.add(Channel.of("ch" + c, ChannelType.MISC, options.samplingRate()));
            }
        }
        List<Long> counts = Collections.nCopies(channels.size(), samples);
        RecordingHeader header = new RecordingHeader(file, format, channels, counts, annotations, ids, startTime,
                properties);
        return new NpzRecordingFile(bytes, array, header, samples, startSeconds, history);
    }

    @Override
    public RecordingHeader header() {
        return header;
    }

    @Override
    public Recording read(ReadRequest request) throws IOException {
        ReadWindow w = ReadWindow.of(header, samples, request);
        float[][] out = new float[w.channels().length][w.count()];
        try (NpyBytes.Pass pass = bytes.pass()) {
            if (array.fortranOrder() && header.channelCount() > 1) {
                readTimeMajor(pass, w, out);
            } else {
                readChannelMajor(pass, w, out);
            }
        }
        List<Channel> channels = new ArrayList<>();
        for (int c : w.channels()) {
            channels.add(header.channels().get(c));
        }
        double rate = header.channels().get(0).samplingRate();
        List<Transform> provenance = new ArrayList<>(history);
        provenance.add(w.provenance(header.file().getFileName().toString(), header.format(),
                channels.stream().map(Channel::name).toList()));
        Instant start = header.startTime() == null ? null
                : header.startTime().plusNanos(Math.round(w.start() / rate * 1e9));
        return new Recording(channels, out, rate, w.annotations(header.annotations(), rate), header.ids(), start,
                startSeconds + w.start() / rate, provenance);
    }

    /** C order: each channel's samples are contiguous; channels are visited in file order for forward passes. */
    private void readChannelMajor(NpyBytes.Pass pass, ReadWindow w, float[][] out) throws IOException {
        int size = array.dtype().size();
        int perChunk = Math.max(1, CHUNK_BYTES / size);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(perChunk, Math.max(1, w.count())) * size)
                .order(array.byteOrder());
        Integer[] order = new Integer[w.channels().length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(w.channels()[a], w.channels()[b]));
        for (int k : order) {
            long base = array.dataOffset() + ((long) w.channels()[k] * samples + w.start()) * size;
            for (int done = 0; done < w.count(); ) {
                int n = Math.min(perChunk, w.count() - done);
                buffer.clear().limit(n * size);
                pass.readFully(base + (long) done * size, buffer);
                for (int t = 0; t < n; t++) {
                    out[k][done + t] = NpyCodec.floatAt(array.dtype(), buffer, t * size);
                }
                done += n;
            }
        }
    }

    /** Fortran order: all channels of one time point are contiguous, so a window is one block. */
    private void readTimeMajor(NpyBytes.Pass pass, ReadWindow w, float[][] out) throws IOException {
        int size = array.dtype().size();
        int frame = header.channelCount() * size;
        int framesPerChunk = Math.max(1, CHUNK_BYTES / frame);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(framesPerChunk, Math.max(1, w.count())) * frame)
                .order(array.byteOrder());
        for (int done = 0; done < w.count(); ) {
            int frames = Math.min(framesPerChunk, w.count() - done);
            buffer.clear().limit(frames * frame);
            pass.readFully(array.dataOffset() + (w.start() + done) * frame, buffer);
            for (int t = 0; t < frames; t++) {
                for (int k = 0; k < w.channels().length; k++) {
                    out[k][done + t] = NpyCodec.floatAt(array.dtype(), buffer, t * frame + w.channels()[k] * size);
                }
            }
            done += frames;
        }
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}

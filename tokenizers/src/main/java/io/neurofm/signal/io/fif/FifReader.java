package io.neurofm.signal.io.fif;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.SignalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads raw FIF files (Neuromag/Elekta/MEGIN and MNE-Python's format) as MNE's read_raw_fif
 * does: measurement info, channel calibration (range * cal), FIFF_FIRST_SAMPLE, data skips and
 * annotations. Plain files are read window by window; .fif.gz files are inflated into memory
 * first (up to a cap). See tokenizers/docs/fif.md.
 */
public final class FifReader implements SignalReader {
    static final String FORMAT = "FIF";

    private final long gzipCapBytes;

    public FifReader() {
        this(GzipLoader.DEFAULT_CAP_BYTES);
    }

    /** @param gzipCapBytes largest inflated size accepted for a .fif.gz file */
    public FifReader(long gzipCapBytes) {
        if (gzipCapBytes <= 0) {
            throw new IllegalArgumentException("gzip cap must be positive, got " + gzipCapBytes);
        }
        this.gzipCapBytes = gzipCapBytes;
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    public List<String> extensions() {
        return List.of("_raw.fif", ".fif", "_raw.fif.gz", ".fif.gz");
    }

    @Override
    public SignalFile open(Path file, OpenOptions options) throws IOException {
        boolean gzip;
        try {
            gzip = GzipLoader.isGzip(file);
        } catch (IOException e) {
            throw new SignalException(file, "cannot be opened: " + e, e);
        }
        ByteSource source = gzip ? new ArrayByteSource(GzipLoader.inflate(file, gzipCapBytes))
                : new FileByteSource(file);
        try {
            return parse(file, source, gzip);
        } catch (IOException | RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }

    /** Parses a FIF file from any byte source; {@code file} names it in messages and provenance. */
    static FifFile parse(Path file, ByteSource source, boolean gzip) throws IOException {
        TagReader reader = new TagReader(file, source);
        FifDirectory directory = FifDirectory.read(reader);
        FifNode root = FifNode.build(directory.tags(), reader);
        List<FifNode> measurements = root.findAll(Fiff.B_MEAS);
        if (measurements.size() != 1) {
            throw new SignalFormatException(file, "FIFFB_MEAS", -1, "exactly one measurement block",
                    measurements.size() + " blocks");
        }
        FifNode meas = measurements.get(0);
        FifMeasInfo info = FifMeasInfo.read(root, meas, reader);
        boolean maxshield = false;
        List<FifNode> rawNodes = meas.findAll(Fiff.B_RAW_DATA);
        if (rawNodes.isEmpty()) {
            rawNodes = meas.findAll(Fiff.B_CONTINUOUS_DATA);
        }
        if (rawNodes.isEmpty()) {
            rawNodes = meas.findAll(Fiff.B_IAS_RAW_DATA);
            maxshield = !rawNodes.isEmpty();
        }
        if (rawNodes.size() != 1) {
            throw new SignalFormatException(file, "FIFFB_RAW_DATA", -1,
                    "exactly one raw data block (raw, continuous or IAS raw); epochs and evoked files are not raw",
                    rawNodes.size() + " blocks");
        }
        int nchan = info.channels().size();
        RawBufferIndex index = RawBufferIndex.build(rawNodes.get(0), nchan, reader);

        double sfreq = info.sfreq();
        List<Channel> channels = new ArrayList<>(nchan);
        double[] cals = new double[nchan];
        for (int c = 0; c < nchan; c++) {
            FifChannelInfo ch = info.channels().get(c);
            channels.add(FifChannels.toChannel(ch, sfreq));
            cals[c] = ch.calibration();
        }
        List<Annotation> annotations = FifAnnotations.read(root, reader, info.measDate(), index, sfreq);
        Instant startTime = info.measDate() == null ? null
                : plusSeconds(info.measDate(), index.firstSample() / sfreq, file, "FIFF_FIRST_SAMPLE");
        List<Long> counts = new ArrayList<>(nchan);
        for (int c = 0; c < nchan; c++) {
            counts.add(index.sampleCount());
        }
        Map<String, String> properties = properties(info, index, channels, directory, root, reader, maxshield, gzip);
        RecordingHeader header = new RecordingHeader(file, FORMAT, channels, counts, annotations, RecordingIds.NONE,
                startTime, properties);
        return new FifFile(header, source, index, cals, sfreq);
    }

    private static Map<String, String> properties(FifMeasInfo info, RawBufferIndex index, List<Channel> channels,
                                                  FifDirectory directory, FifNode root, TagReader reader,
                                                  boolean maxshield, boolean gzip) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("firstSample", String.valueOf(index.firstSample()));
        TreeSet<String> types = new TreeSet<>();
        int buffers = 0;
        int skips = 0;
        for (RawBuffer b : index.buffers()) {
            if (b.isSkip()) {
                skips++;
            } else {
                buffers++;
                types.add(Fiff.typeName(b.type()));
            }
        }
        p.put("dataType", String.join(",", types));
        p.put("buffers", String.valueOf(buffers));
        if (skips > 0) {
            p.put("skips", skips + " (read as zeros, annotated " + FifAnnotations.SKIP_DESCRIPTION + ")");
        }
        p.put("tagDirectory", directory.fromDirectory() ? "read" : "rebuilt by scanning the tags");
        if (info.highpass() != null) {
            p.put("highpass", String.valueOf(info.highpass()));
        }
        if (info.lowpass() != null) {
            p.put("lowpass", String.valueOf(info.lowpass()));
        }
        List<String> bads = new ArrayList<>();
        for (String bad : info.bads()) {
            if (channels.stream().anyMatch(ch -> ch.name().equals(bad))) {
                bads.add(bad);
            }
        }
        if (!bads.isEmpty()) {
            p.put("bads", String.join(",", bads));
        }
        if (info.projectors() > 0) {
            p.put("sspProjectors", info.projectors() + " (not applied)");
        }
        if (info.compensators() > 0) {
            p.put("ctfCompensation", info.compensators() + " matrices (not applied; data as stored)");
        }
        if (channels.stream().anyMatch(ch -> ch.type() == ChannelType.MEG_MAG || ch.type() == ChannelType.MEG_GRAD)) {
            p.put("megPositionFrame", "device (coil centre loc[0..2]; orientation not carried)");
        }
        if (info.channels().stream().anyMatch(ch -> ch.unitMul() != 0)) {
            p.put("unitMultipliers", "present and not applied (as MNE)");
        }
        if (maxshield) {
            p.put("maxshield", "true (internal active shielding data, not SSS-processed)");
        }
        if (gzip) {
            p.put("gzip", "true");
        }
        if (continuesInNextFile(root, reader)) {
            p.put("split", "the recording continues in a next split file, which is not read");
        }
        return p;
    }

    private static boolean continuesInNextFile(FifNode root, TagReader reader) throws IOException {
        for (FifNode ref : root.findAll(Fiff.B_REF)) {
            TagHeader role = ref.first(Fiff.REF_ROLE);
            if (role != null && reader.readInt(role, "FIFF_REF_ROLE") == Fiff.ROLE_NEXT_FILE) {
                return true;
            }
        }
        return false;
    }

    /** {@code t} plus a possibly fractional number of seconds, refusing offsets no real file has. */
    static Instant plusSeconds(Instant t, double seconds, Path file, String field) throws SignalFormatException {
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e11) {
            throw new SignalFormatException(file, field, -1, "an offset from the measurement date within 1e11 s",
                    seconds + " s");
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return t.plusSeconds(whole).plusNanos(nanos);
    }
}

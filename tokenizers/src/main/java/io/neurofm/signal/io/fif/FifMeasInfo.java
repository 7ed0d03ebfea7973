package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The measurement info block (FIFFB_MEAS_INFO) as far as a raw reader needs it.
 *
 * @param channels     one per channel, extended channel info (FIFFB_CH_INFO) already applied
 * @param lowpass      Hz, or null when the file states none (or NaN)
 * @param highpass     Hz, or null when the file states none (or NaN)
 * @param measDate     wall-clock time of sample 0 (not of the first stored sample), or null
 * @param bads         channels the file marks bad, as listed
 * @param projectors   SSP projector items present (never applied here)
 * @param compensators CTF compensation matrices present (never applied here)
 */
record FifMeasInfo(double sfreq, List<FifChannelInfo> channels, Double lowpass, Double highpass, Instant measDate,
                   List<String> bads, int projectors, int compensators) {
    static final double MAX_SFREQ = 1e7;

    static FifMeasInfo read(FifNode root, FifNode meas, TagReader reader) throws IOException {
        Path file = reader.file();
        List<FifNode> infos = meas.findAll(Fiff.B_MEAS_INFO);
        if (infos.size() != 1) {
            throw new SignalFormatException(file, "FIFFB_MEAS_INFO", -1,
                    "exactly one measurement info block", infos.size() + " blocks");
        }
        FifNode info = infos.get(0);
        Integer nchan = null;
        Double sfreq = null;
        Double lowpass = null;
        Double highpass = null;
        TagHeader measDateTag = null;
        List<FifChannelInfo> channels = new ArrayList<>();
        for (TagHeader tag : info.tags()) {
            switch (tag.kind()) {
                case Fiff.NCHAN -> nchan = reader.readInt(tag, "FIFF_NCHAN");
                case Fiff.SFREQ -> sfreq = reader.readReal(tag, "FIFF_SFREQ");
                case Fiff.LOWPASS -> lowpass = finiteOrNull(reader.readReal(tag, "FIFF_LOWPASS"));
                case Fiff.HIGHPASS -> highpass = finiteOrNull(reader.readReal(tag, "FIFF_HIGHPASS"));
                case Fiff.MEAS_DATE -> measDateTag = tag;
                case Fiff.CH_INFO -> channels.add(reader.readChannelInfo(tag, "FIFF_CH_INFO " + channels.size()));
                default -> {
                    // digitisation, transforms, HPI, events...: not part of a Recording
                }
            }
        }
        if (nchan == null) {
            throw new SignalFormatException(file, "FIFF_NCHAN", -1, "the number of channels in the measurement info",
                    "none");
        }
        if (nchan < 1 || nchan != channels.size()) {
            throw new SignalFormatException(file, "FIFF_NCHAN", -1, "a positive channel count matching the "
                    + channels.size() + " FIFF_CH_INFO tags", String.valueOf(nchan));
        }
        if (sfreq == null || !(sfreq > 0) || sfreq > MAX_SFREQ) {
            throw new SignalFormatException(file, "FIFF_SFREQ", -1, "a sampling rate in (0, " + MAX_SFREQ + "] Hz",
                    String.valueOf(sfreq));
        }
        Map<String, String> renamed = applyExtendedInfo(info, channels, reader);
        checkNames(channels, file);
        Instant measDate = measDate(root, meas, info, measDateTag, reader);
        List<String> bads = bads(info, renamed, reader);
        return new FifMeasInfo(sfreq, List.copyOf(channels), lowpass, highpass, measDate, bads,
                info.findAll(Fiff.B_PROJ_ITEM).size(), info.findAll(Fiff.B_MNE_CTF_COMP_DATA).size());
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Applies FIFFB_CH_INFO blocks (one per channel, in channel order) which MNE writes when a
     * name is longer than the 15 characters the struct holds. Returns old name -> new name.
     */
    private static Map<String, String> applyExtendedInfo(FifNode info, List<FifChannelInfo> channels,
                                                         TagReader reader) throws IOException {
        List<FifNode> blocks = info.findAll(Fiff.B_CH_INFO);
        Map<String, String> renamed = new HashMap<>();
        if (blocks.isEmpty()) {
            return renamed;
        }
        if (blocks.size() != channels.size()) {
            throw new SignalFormatException(reader.file(), "FIFFB_CH_INFO", -1, "one extended channel info block per"
                    + " channel (" + channels.size() + ")", blocks.size() + " blocks");
        }
        for (int c = 0; c < channels.size(); c++) {
            FifChannelInfo ch = channels.get(c);
            String what = "extended info of channel " + c;
            for (TagHeader tag : blocks.get(c).tags()) {
                switch (tag.kind()) {
                    case Fiff.CH_KIND -> ch = ch.withKind(reader.readInt(tag, what + " kind"));
                    case Fiff.CH_RANGE -> ch = ch.withRange((float) reader.readReal(tag, what + " range"));
                    case Fiff.CH_CAL -> ch = ch.withCal((float) reader.readReal(tag, what + " cal"));
                    case Fiff.CH_COIL_TYPE -> ch = ch.withCoilType(reader.readInt(tag, what + " coil type"));
                    case Fiff.CH_UNIT -> ch = ch.withUnit(reader.readInt(tag, what + " unit"));
                    case Fiff.CH_UNIT_MUL -> ch = ch.withUnitMul(reader.readInt(tag, what + " unit_mul"));
                    case Fiff.CH_LOC -> ch = ch.withLoc(location(reader, tag, what + " loc"));
                    case Fiff.CH_DACQ_NAME -> {
                        String name = reader.readString(tag, what + " name");
                        renamed.put(ch.name(), name);
                        ch = ch.withName(name);
                    }
                    default -> {
                        // scan/logical numbers and coordinate frame: not needed
                    }
                }
            }
            channels.set(c, ch);
        }
        return renamed;
    }

    private static float[] location(TagReader reader, TagHeader tag, String what) throws IOException {
        double[] values = reader.readReals(tag, what);
        if (values.length != 12) {
            throw new SignalFormatException(reader.file(), what, tag.pos(), "12 location values",
                    String.valueOf(values.length));
        }
        float[] loc = new float[12];
        for (int i = 0; i < 12; i++) {
            loc[i] = (float) values[i];
        }
        return loc;
    }

    private static void checkNames(List<FifChannelInfo> channels, Path file) throws SignalFormatException {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < channels.size(); c++) {
            String name = channels.get(c).name();
            if (name.isBlank()) {
                throw new SignalFormatException(file, "name of channel " + c, -1, "a non-blank channel name",
                        "\"" + name + "\"");
            }
            if (!seen.add(name)) {
                throw new SignalFormatException(file, "name of channel " + c, -1, "unique channel names",
                        "a second \"" + name + "\"");
            }
        }
    }

    /**
     * FIFF_MEAS_DATE when present, else the time stamp of the measurement id, chosen in MNE's
     * order: meas info parent id, meas info id, meas id, meas parent id, file id.
     */
    private static Instant measDate(FifNode root, FifNode meas, FifNode info, TagHeader measDateTag,
                                    TagReader reader) throws IOException {
        long secs;
        long usecs;
        if (measDateTag != null) {
            int[] stamp = reader.readInts(measDateTag, "FIFF_MEAS_DATE");
            secs = stamp[0];
            usecs = stamp.length > 1 ? stamp[1] : 0;
        } else {
            FifId id = firstId(reader, new TagHeader[] {info.first(Fiff.PARENT_BLOCK_ID), info.first(Fiff.BLOCK_ID),
                    meas.first(Fiff.BLOCK_ID), meas.first(Fiff.PARENT_BLOCK_ID), root.first(Fiff.FILE_ID)});
            if (id == null) {
                return null;
            }
            secs = id.secs();
            usecs = id.usecs();
        }
        if (secs == Fiff.DATE_NONE_SECS && usecs == Fiff.DATE_NONE_USECS) {
            return null;
        }
        return Instant.ofEpochSecond(secs, usecs * 1000L);
    }

    private static FifId firstId(TagReader reader, TagHeader[] candidates) throws IOException {
        for (TagHeader tag : candidates) {
            if (tag != null) {
                return reader.readId(tag, "id struct (kind " + tag.kind() + ")");
            }
        }
        return null;
    }

    private static List<String> bads(FifNode info, Map<String, String> renamed, TagReader reader) throws IOException {
        List<String> bads = new ArrayList<>();
        for (FifNode node : info.findAll(Fiff.B_MNE_BAD_CHANNELS)) {
            TagHeader list = node.first(Fiff.MNE_CH_NAME_LIST);
            if (list != null) {
                bads.clear();
                String text = reader.readString(list, "bad channel list");
                if (!text.isEmpty()) {
                    for (String name : text.split(":", -1)) {
                        bads.add(renamed.getOrDefault(name, name));
                    }
                }
            }
        }
        return List.copyOf(bads);
    }
}

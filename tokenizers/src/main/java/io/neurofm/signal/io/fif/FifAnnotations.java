package io.neurofm.signal.io.fif;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Annotations;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Annotations of a raw FIF file: the FIFFB_MNE_ANNOTATIONS block (onsets in FIFF_MNE_BASELINE_MIN,
 * ends in FIFF_MNE_BASELINE_MAX, ':'-joined descriptions in FIFF_COMMENT, optional time origin in
 * FIFF_MEAS_DATE) plus one BAD_ACQ_SKIP annotation per in-data skip, as MNE adds them.
 *
 * <p>Onsets come out in seconds from the first stored sample. MNE's stored onsets count from the
 * annotations' own origin: from the measurement date when that origin is set, and from sample 0
 * (before first_samp) when neither it nor the measurement date is set. Annotations outside the
 * recording are dropped and those straddling its ends clipped, as MNE's set_annotations does.
 */
final class FifAnnotations {
    static final String SKIP_DESCRIPTION = "BAD_ACQ_SKIP";

    private FifAnnotations() {
    }

    static List<Annotation> read(FifNode root, TagReader reader, Instant measDate, RawBufferIndex index,
                                 double sfreq) throws IOException {
        List<Annotation> out = new ArrayList<>();
        double durationSeconds = index.sampleCount() / sfreq;
        List<FifNode> blocks = root.findAll(Fiff.B_MNE_ANNOTATIONS);
        if (!blocks.isEmpty()) {
            out.addAll(Annotations.window(fromBlock(blocks.get(0), reader, measDate, index.firstSample() / sfreq),
                    0, durationSeconds));
        }
        for (RawBuffer buffer : index.buffers()) {
            if (buffer.isSkip()) {
                out.add(Annotation.of(buffer.start() / sfreq, buffer.samples() / sfreq, SKIP_DESCRIPTION));
            }
        }
        out.sort(Comparator.comparingDouble(Annotation::onsetSeconds)); // stable: file order among equals
        return List.copyOf(out);
    }

    private static List<Annotation> fromBlock(FifNode block, TagReader reader, Instant measDate,
                                              double firstTime) throws IOException {
        TagHeader onsetTag = block.first(Fiff.MNE_BASELINE_MIN);
        TagHeader endTag = block.first(Fiff.MNE_BASELINE_MAX);
        TagHeader descriptionTag = block.first(Fiff.COMMENT);
        TagHeader originTag = block.first(Fiff.MEAS_DATE);
        double[] onsets = onsetTag == null ? new double[0] : reader.readReals(onsetTag, "annotation onsets");
        double[] ends = endTag == null ? new double[0] : reader.readReals(endTag, "annotation ends");
        List<String> descriptions = descriptionTag == null ? List.of()
                : splitDescriptions(reader.readString(descriptionTag, "annotation descriptions"));
        if (onsets.length != ends.length || onsets.length != descriptions.size()) {
            throw new SignalFormatException(reader.file(), "FIFFB_MNE_ANNOTATIONS", -1,
                    "as many onsets, ends and descriptions", onsets.length + " onsets, " + ends.length + " ends, "
                            + descriptions.size() + " descriptions");
        }
        boolean singlePrecision = onsetTag != null && endTag != null && onsetTag.type() == Fiff.T_FLOAT
                && endTag.type() == Fiff.T_FLOAT;
        double shift = -firstTime;
        if (originTag != null && measDate != null) {
            shift += secondsBetween(measDate, origin(reader, originTag));
        } else if (originTag == null && measDate != null) {
            // no origin of their own: MNE takes the onsets as counted from the first sample
            shift = 0;
        }
        List<Annotation> out = new ArrayList<>(onsets.length);
        for (int i = 0; i < onsets.length; i++) {
            // MNE subtracts in the tags' own precision (float32 for files it writes)
            double duration = singlePrecision ? (double) ((float) ends[i] - (float) onsets[i]) : ends[i] - onsets[i];
            double onset = onsets[i] + shift;
            if (!Double.isFinite(onset) || !Double.isFinite(duration) || duration < 0) {
                throw new SignalFormatException(reader.file(), "annotation " + i, onsetTag.pos(),
                        "a finite onset and an end not before it", "onset " + onsets[i] + ", end " + ends[i]);
            }
            out.add(Annotation.of(onset, duration, descriptions.get(i)));
        }
        return out;
    }

    /** MNE joins descriptions with ':' and writes a ':' inside one as "{COLON}". */
    static List<String> splitDescriptions(String joined) {
        if (joined.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : joined.split(":", -1)) {
            out.add(part.replace("{COLON}", ":"));
        }
        return out;
    }

    /** The annotations' time origin: (secs, usecs) as doubles or ints, or one float of seconds (old files). */
    private static double[] origin(TagReader reader, TagHeader tag) throws IOException {
        double[] v;
        if (tag.type() == Fiff.T_INT) {
            int[] ints = reader.readInts(tag, "annotation time origin");
            v = new double[ints.length];
            for (int i = 0; i < ints.length; i++) {
                v[i] = ints[i];
            }
        } else {
            v = reader.readReals(tag, "annotation time origin");
        }
        double secs = v[0];
        double usecs = v.length > 1 ? v[1] : 0;
        if (!Double.isFinite(secs) || !Double.isFinite(usecs) || Math.abs(secs) > 1e12 || Math.abs(usecs) > 1e12) {
            throw new SignalFormatException(reader.file(), "annotation time origin", tag.pos(),
                    "seconds and microseconds since 1970", secs + ", " + usecs);
        }
        return new double[] {secs, usecs};
    }

    /** origin - measDate in seconds, whole seconds and fractions apart so nothing is lost to rounding. */
    private static double secondsBetween(Instant measDate, double[] origin) {
        return (origin[0] - measDate.getEpochSecond()) + (origin[1] * 1e-6 - measDate.getNano() * 1e-9);
    }
}

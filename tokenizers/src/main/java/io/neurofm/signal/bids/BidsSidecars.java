package io.neurofm.signal.bids;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The sidecars of one BIDS recording, located by the inheritance principle, and their
 * application to a {@link Recording} read from it. Any component is null when the dataset
 * has no such file for the recording; channels and electrodes are looked up for eeg, meg and
 * ieeg data only (BIDS defines them for nothing else, and a top-level task-X_channels.tsv
 * must not reach the task's BOLD runs).
 *
 * <p>{@link #applyTo} sets the ids from the path; types and units from {@code _channels.tsv}
 * (every recording channel must have a row, extra rows are fine since a recording may hold a
 * channel subset); positions in metres from {@code _electrodes.tsv}; events from
 * {@code _events.tsv} in place of the reader's annotations; bad channels, power-line
 * frequency and the files used go into the provenance step. Samples are not touched: a
 * recording is already in SI units, so a data channel whose samples are in another unit is
 * refused rather than relabelled.
 */
public record BidsSidecars(BidsFile file, ChannelsTsv channels, ElectrodesTsv electrodes, EventsTsv events,
                           SidecarJson json) {
    /** Provenance steps after which the rate is still the file's, so the sidecar rate must match it. */
    private static final Set<String> RATE_PRESERVING = Set.of("read", "atlas_roi_mean");
    private static final double RATE_TOLERANCE = 1e-6;
    /** The datatypes BIDS gives channels, electrodes and coordinate systems to (not func). */
    private static final Set<String> ELECTROPHYSIOLOGY = Set.of("eeg", "meg", "ieeg");

    public BidsSidecars {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(json, "json");
    }

    /** Locates and parses every sidecar of a recording. */
    public static BidsSidecars load(BidsFile file) throws IOException {
        boolean electrophysiology = ELECTROPHYSIOLOGY.contains(file.datatype());
        Path channelsPath = electrophysiology ? SidecarLocator.nearest(file, "channels", ".tsv") : null;
        Path eventsPath = SidecarLocator.nearest(file, "events", ".tsv");
        SidecarJson json = SidecarJson.merge(SidecarLocator.applicable(file, file.suffix(), ".json", Set.of(),
                e -> true));
        return new BidsSidecars(file, channelsPath == null ? null : ChannelsTsv.read(channelsPath),
                electrophysiology ? electrodes(file) : null, eventsPath == null ? null : EventsTsv.read(eventsPath), json);
    }

    /** Loads the sidecars of {@code file} and applies them to a recording read from it. */
    public static Recording apply(Recording recording, BidsFile file) throws IOException {
        return load(file).applyTo(recording);
    }

    /** The electrodes file and the coordinate system of the same space (the space entity need not be in the data name). */
    private static ElectrodesTsv electrodes(BidsFile file) throws IOException {
        Set<String> space = Set.of("space");
        Path electrodes = SidecarLocator.nearest(file, "electrodes", ".tsv", space, e -> true);
        if (electrodes == null) {
            return null;
        }
        String spaceLabel = BidsEntities.parse(electrodes).get("space");
        Path coordsystem = SidecarLocator.nearest(file, "coordsystem", ".json", space,
                e -> Objects.equals(spaceLabel, e.get("space")));
        if (coordsystem == null) {
            throw new SignalFormatException(electrodes, "coordinate units", -1, "a _coordsystem.json"
                    + (spaceLabel == null ? "" : " with space-" + spaceLabel) + " beside or above it giving the "
                    + "units of x, y, z", "none found");
        }
        return ElectrodesTsv.read(electrodes, CoordinateSystem.read(coordsystem, file.datatype()));
    }

    /** The recording with everything the sidecars say applied, plus one provenance step. */
    public Recording applyTo(Recording recording) throws SignalException {
        checkRates(recording);
        List<Channel> newChannels = channels(recording);
        List<Annotation> annotations = recording.annotations();
        int outside = 0;
        if (events != null) {
            annotations = new ArrayList<>();
            for (Annotation a : events.events()) {
                Annotation shifted = a.shifted(-recording.startSeconds());
                boolean overlaps = shifted.onsetSeconds() < recording.durationSeconds()
                        && shifted.onsetSeconds() + shifted.durationSeconds() >= 0;
                if (overlaps) {
                    annotations.add(shifted);
                } else {
                    outside++;
                }
            }
        }
        Double powerLine = json.powerLineFrequency();
        Transform step = Transform.of("bids_sidecars",
                "bids_file", file.relativePath(),
                "channels_tsv", relative(channels == null ? null : channels.file()),
                "electrodes_tsv", relative(electrodes == null ? null : electrodes.file()),
                "coordinate_system", electrodes == null ? "none" : electrodes.coordinates().system() + " ("
                        + electrodes.coordinates().units() + ", positions in m, not transformed)",
                "events_tsv", relative(events == null ? null : events.file()),
                "events", events == null ? "reader's" : annotations.size() + " (replacing "
                        + recording.annotations().size() + " from the reader; " + outside + " outside the window)",
                "bad_channels", channels == null || channels.bad().isEmpty() ? "none"
                        : String.join(",", channels.bad()),
                "power_line_hz", powerLine == null ? "n/a" : powerLine,
                "json", json.files().isEmpty() ? "none"
                        : String.join(",", json.files().stream().map(this::relative).toList()));
        RecordingIds old = recording.ids();
        RecordingIds ids = new RecordingIds(
                or(file.subject(), old.subject()), or(file.session(), old.session()),
                or(file.run(), old.run()), or(file.task(), old.task()));
        return recording.derive(newChannels, recording.samples(), recording.samplingRate(), annotations, step)
                .withIds(ids);
    }

    private List<Channel> channels(Recording recording) throws SignalException {
        List<Channel> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Channel c : recording.channels()) {
            Channel next = c;
            if (channels != null) {
                ChannelsTsv.Row row = channels.row(c.name());
                if (row == null) {
                    missing.add(c.name());
                    continue;
                }
                next = retype(c, row);
            }
            Position p = electrodes == null ? null : electrodes.positions().get(c.name());
            out.add(p == null ? next : next.withPosition(p));
        }
        if (!missing.isEmpty()) {
            throw new SignalException(channels.file(), "has no row for recording channels " + missing
                    + " (names must match exactly)");
        }
        return out;
    }

    private Channel retype(Channel c, ChannelsTsv.Row row) throws SignalException {
        ChannelType type = row.type();
        if (!type.isData()) {
            return c.withType(type, c.unit());
        }
        if (!c.unit().isEmpty() && !c.unit().equals(type.siUnit())) {
            throw new SignalException(channels.file(), "line " + row.line() + ": channel " + c.name() + " is "
                    + row.bidsType() + " (" + type.siUnit() + ") but the recording holds its samples in \"" + c.unit()
                    + "\"; convert it first");
        }
        return c.withType(type, type.siUnit());
    }

    /** Sidecar rates must agree with a recording that still has the file's own rate. */
    private void checkRates(Recording recording) throws SignalException {
        boolean nativeRate = recording.provenance().stream().allMatch(t -> RATE_PRESERVING.contains(t.operation()));
        if (!nativeRate) {
            return;
        }
        double rate = recording.samplingRate();
        boolean bold = file.suffix().equals("bold");
        Double stated = bold ? json.repetitionTime() : json.samplingFrequency();
        if (stated != null) {
            double expectedRate = bold ? 1.0 / stated : stated;
            if (Math.abs(expectedRate - rate) > RATE_TOLERANCE * rate) {
                String key = bold ? "RepetitionTime" : "SamplingFrequency";
                throw new SignalException(json.sources().get(key), key + " " + stated + " disagrees with the "
                        + "recording's rate of " + rate + " Hz");
            }
        }
        if (channels != null) {
            for (ChannelsTsv.Row row : channels.rows()) {
                Double f = row.samplingFrequency();
                if (f != null && recording.indexOf(row.name()) >= 0 && Math.abs(f - rate) > RATE_TOLERANCE * rate) {
                    throw new SignalException(channels.file(), "line " + row.line() + ": sampling_frequency " + f
                            + " of " + row.name() + " disagrees with the recording's rate of " + rate + " Hz");
                }
            }
        }
    }

    private String relative(Path p) {
        return p == null ? "none" : file.root().relativize(p).toString().replace('\\', '/');
    }

    private static String or(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}

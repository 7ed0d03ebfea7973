package io.neurofm.montage;

import io.neurofm.signal.Position;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The standard EEG electrode systems, with positions from MNE-Python's bundled
 * standard_1005/standard_1020 montages (Oostenveld &amp; Praamstra 2001) in MNE's head frame.
 * Each system contains the previous one: 10-20 (the classic 21 positions, their old names
 * T3/T4/T5/T6, and the references A1/A2/M1/M2) within 10-10 (94 names, MNE's standard_1020)
 * within 10-05 (345 names, MNE's standard_1005 plus O9/O10).
 *
 * <p>Lookups take any spelling {@link ChannelNames#parse} understands ("EEG FP1-REF", "Fc5.",
 * "fpz") and answer for the electrode it names; bipolar and unrecognised names have no position.
 */
public enum StandardMontage {
    TEN_TWENTY("10-20"),
    TEN_TEN("10-10"),
    TEN_FIVE("10-05");

    private final String label;

    StandardMontage(String label) {
        this.label = label;
    }

    /** "10-20", "10-10" or "10-05". */
    public String label() {
        return label;
    }

    /**
     * The montage for a label: "10-20", "10-10", "10-05" (also "10-5"), or the enum name.
     * MNE's montage names are refused on purpose: its "standard_1020" is the 10-10 set.
     */
    public static StandardMontage byLabel(String label) {
        String trimmed = label.trim();
        for (StandardMontage m : values()) {
            if (m.label.equals(trimmed) || m.name().equalsIgnoreCase(trimmed)) {
                return m;
            }
        }
        if (trimmed.equals("10-5")) {
            return TEN_FIVE;
        }
        throw new IllegalArgumentException("unknown standard montage '" + label + "'; expected one of "
                + Arrays.stream(values()).map(StandardMontage::label).toList());
    }

    /** The electrodes of this system, in the table's order. */
    public List<Electrode> electrodes() {
        return ElectrodeTable.get().electrodes().stream().filter(e -> e.isIn(this)).toList();
    }

    /** Canonical names of this system's electrodes, in the table's order. */
    public List<String> names() {
        return electrodes().stream().map(Electrode::name).toList();
    }

    /** The electrode a channel name denotes, if it is a single electrode of this system. */
    public Optional<Electrode> electrode(String channelName) {
        ChannelName parsed = ChannelNames.parse(channelName);
        if (!parsed.isElectrode()) {
            return Optional.empty();
        }
        return ElectrodeTable.get().find(parsed.name()).filter(e -> e.isIn(this));
    }

    public boolean contains(String channelName) {
        return electrode(channelName).isPresent();
    }

    /** Head-frame position in metres of the electrode a channel name denotes, if in this system. */
    public Optional<Position> position(String channelName) {
        return electrode(channelName).map(Electrode::position);
    }
}

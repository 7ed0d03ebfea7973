package io.neurofm.montage;

import java.util.List;
import java.util.Objects;

/**
 * What a channel label denotes, as {@link ChannelNames#parse} reads it.
 *
 * @param original   the label as given
 * @param kind       single electrode, bipolar derivation, or anything else
 * @param name       the normalised label: the canonical electrode name ("Fp1"), the canonical
 *                   derivation ("Fp2-F4"), or for {@link Kind#OTHER} the trimmed original
 * @param electrodes the electrodes named: one for ELECTRODE, active then reference electrode
 *                   for BIPOLAR, none for OTHER
 * @param reference  for ELECTRODE, the reference the label states ("REF", "AVG", "A1"), else null
 */
public record ChannelName(String original, Kind kind, String name, List<String> electrodes, String reference) {
    /** What a label denotes. */
    public enum Kind {
        /** One standard electrode, possibly with its reference stated ("EEG Cz-A1", "Fp1-REF"). */
        ELECTRODE,
        /** The difference of two scalp electrodes ("Fp2-F4"): it has no single position. */
        BIPOLAR,
        /** Not a standard electrode name ("Channel 1", "EEG 001", "ECG"): kept as it is. */
        OTHER
    }

    public ChannelName {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        electrodes = List.copyOf(electrodes);
        int expected = switch (kind) {
            case ELECTRODE -> 1;
            case BIPOLAR -> 2;
            case OTHER -> 0;
        };
        if (electrodes.size() != expected) {
            throw new IllegalArgumentException(kind + " needs " + expected + " electrodes, got " + electrodes);
        }
        if (reference != null && kind != Kind.ELECTRODE) {
            throw new IllegalArgumentException("only a single electrode carries a stated reference");
        }
    }

    public boolean isElectrode() {
        return kind == Kind.ELECTRODE;
    }

    public boolean isBipolar() {
        return kind == Kind.BIPOLAR;
    }
}

package io.neurofm.signal.bids;

import io.neurofm.signal.ChannelType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIDS channel types and units mapped onto {@link ChannelType}. The iEEG voltage types (SEEG,
 * ECOG, DBS) become EEG, axial gradiometers count as magnetometers (they measure T, as in MNE),
 * and every other listed type (RESP, GSR, AUDIO, ...) becomes MISC.
 */
final class BidsChannelTypes {
    private static final Map<String, ChannelType> TYPES = Map.ofEntries(
            Map.entry("EEG", ChannelType.EEG),
            Map.entry("SEEG", ChannelType.EEG),
            Map.entry("ECOG", ChannelType.EEG),
            Map.entry("DBS", ChannelType.EEG),
            Map.entry("MEGMAG", ChannelType.MEG_MAG),
            Map.entry("MEGREFMAG", ChannelType.MEG_MAG),
            Map.entry("MEGGRADAXIAL", ChannelType.MEG_MAG),
            Map.entry("MEGREFGRADAXIAL", ChannelType.MEG_MAG),
            Map.entry("MEGGRADPLANAR", ChannelType.MEG_GRAD),
            Map.entry("MEGREFGRADPLANAR", ChannelType.MEG_GRAD),
            Map.entry("EOG", ChannelType.EOG),
            Map.entry("HEOG", ChannelType.EOG),
            Map.entry("VEOG", ChannelType.EOG),
            Map.entry("ECG", ChannelType.ECG),
            Map.entry("EMG", ChannelType.EMG),
            Map.entry("TRIG", ChannelType.STIM));
    private static final Set<String> MISC = Set.of("MISC", "AUDIO", "EYEGAZE", "GSR", "PPG", "PUPIL", "REF", "RESP",
            "SYSCLOCK", "TEMP", "MEGOTHER", "HLU", "FITERR", "OTHER", "PD", "ADC", "DAC");
    /** An optional SI prefix and V, T or a field gradient T/m, T/cm, T/mm. */
    private static final Pattern UNIT = Pattern.compile("([YZEPTGMkhdcmuµμnpfazy]|da)?(V|T|T/m|T/cm|T/mm)");

    private BidsChannelTypes() {
    }

    /** The type for a BIDS type name (case-insensitive), or null when BIDS does not define it. */
    static ChannelType of(String bidsType) {
        String upper = bidsType.toUpperCase(Locale.ROOT);
        if (MISC.contains(upper)) {
            return ChannelType.MISC;
        }
        return TYPES.get(upper);
    }

    static String known() {
        return "EEG, SEEG, ECOG, DBS, MEGMAG, MEGREFMAG, MEGGRADAXIAL, MEGREFGRADAXIAL, MEGGRADPLANAR, "
                + "MEGREFGRADPLANAR, EOG, HEOG, VEOG, ECG, EMG, TRIG, " + String.join(", ", MISC.stream().sorted()
                .toList());
    }

    /**
     * The SI unit a BIDS unit string measures in ("uV" and "mV" -> "V", "fT" -> "T", "fT/cm" -> "T/m"),
     * or null when it is not one of those.
     */
    static String siBase(String units) {
        Matcher m = UNIT.matcher(units);
        if (!m.matches()) {
            return null;
        }
        return m.group(2).startsWith("T/") ? "T/m" : m.group(2);
    }
}

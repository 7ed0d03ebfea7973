package io.neurofm.montage;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads channel labels as files write them and names the standard electrode they denote.
 *
 * <p>Rules, in order: trim; drop a leading "EEG" type word ("EEG Fp1-Ref", "EEG:Cz") when what
 * follows is an electrode or derivation; drop trailing dots (PhysioNet pads labels to four
 * characters: "Fc5.", "Cz.."); split once at '-'. A right-hand side that is a reference
 * designator (REF, AVG, AV, AR, CAR, LE, RE, LM, RM, A1, A2, M1, M2, A1A2, A1+A2, M1M2, M1+M2)
 * leaves a single electrode with that stated reference ("EEG Cz-A1" is Cz); two scalp electrodes
 * make a bipolar derivation ("Fp2-F4"), reported as such and never given a position. Electrode
 * names match the bundled 10-05 table ignoring case and take its spelling ("FP1" and "fp1" are
 * "Fp1", "FCZ" is "FCz"). Anything else ("Channel 1", "EEG 001") stays as it is, trimmed.
 *
 * <p>The old 10-20 names T3, T4, T5, T6 are kept as written; {@link #matchKey} treats them as
 * T7, T8, P7, P8 (identical positions in the table), and O9/O10 as I1/I2.
 */
public final class ChannelNames {
    private static final Pattern TYPE_PREFIX = Pattern.compile("(?i)^EEG[\\s:_]+(.+)$");
    private static final Set<String> REFERENCE_DESIGNATORS = Set.of(
            "ref", "avg", "av", "ar", "car", "le", "re", "lm", "rm", "a1", "a2", "m1", "m2",
            "a1a2", "a1+a2", "m1m2", "m1+m2");

    private ChannelNames() {
    }

    /** What the label denotes; see the class comment for the rules. */
    public static ChannelName parse(String label) {
        String trimmed = label.trim();
        Optional<ChannelName> direct = parseCore(label, trimmed);
        if (direct.isPresent()) {
            return direct.get();
        }
        Matcher prefixed = TYPE_PREFIX.matcher(trimmed);
        if (prefixed.matches()) {
            Optional<ChannelName> rest = parseCore(label, prefixed.group(1).trim());
            if (rest.isPresent()) {
                return rest.get();
            }
        }
        return new ChannelName(label, ChannelName.Kind.OTHER, trimmed, List.of(), null);
    }

    /**
     * The normalised label: canonical electrode ("Fc5." gives "FC5", "EEG FP1-REF" gives "Fp1"),
     * canonical derivation ("FP2-F4" gives "Fp2-F4"), or the trimmed label when it names neither.
     */
    public static String normalise(String label) {
        return parse(label).name();
    }

    /**
     * A key under which two labels are equal exactly when they denote the same thing: the same
     * electrode (aliases resolved: "T3" and "T7" agree), the same derivation, or, for other
     * labels, the same text ignoring case. Opaque: compare keys, do not show them.
     */
    public static String matchKey(String label) {
        ChannelName parsed = parse(label);
        return switch (parsed.kind()) {
            case ELECTRODE -> "electrode:" + preferred(parsed.electrodes().get(0));
            case BIPOLAR -> "bipolar:" + preferred(parsed.electrodes().get(0)) + "-"
                    + preferred(parsed.electrodes().get(1));
            case OTHER -> "other:" + parsed.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String preferred(String canonical) {
        return ElectrodeTable.get().find(canonical).map(Electrode::preferredName).orElse(canonical);
    }

    private static Optional<ChannelName> parseCore(String original, String text) {
        String core = stripTrailingDots(text);
        if (core.isEmpty()) {
            return Optional.empty();
        }
        int dash = core.indexOf('-');
        if (dash < 0) {
            return electrode(core).map(e -> new ChannelName(original, ChannelName.Kind.ELECTRODE, e, List.of(e), null));
        }
        if (core.indexOf('-', dash + 1) >= 0) {
            return Optional.empty();
        }
        String left = stripTrailingDots(core.substring(0, dash).trim());
        String right = stripTrailingDots(core.substring(dash + 1).trim());
        Optional<String> active = electrode(left);
        if (active.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        String folded = right.toLowerCase(Locale.ROOT);
        if (REFERENCE_DESIGNATORS.contains(folded)) {
            Optional<String> asElectrode = electrode(right);
            String reference = asElectrode.orElse(right.toUpperCase(Locale.ROOT));
            return Optional.of(new ChannelName(original, ChannelName.Kind.ELECTRODE, active.get(),
                    List.of(active.get()), reference));
        }
        return electrode(right).map(other -> new ChannelName(original, ChannelName.Kind.BIPOLAR,
                active.get() + "-" + other, List.of(active.get(), other), null));
    }

    private static Optional<String> electrode(String text) {
        return ElectrodeTable.get().find(text).map(Electrode::name);
    }

    private static String stripTrailingDots(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end).trim();
    }
}

package io.neurofm.signal.io.gdf;

import io.neurofm.signal.ChannelType;
import java.util.Map;

/**
 * A channel's physical dimension turned into what a {@code Recording} carries: the unit after
 * scaling, the factor from the file's physical values to that unit, and the channel type.
 *
 * <p>Voltages become EEG channels in volts (as MNE reads GDF). An empty or dimensionless
 * dimension also gives EEG in volts with factor 1, MNE's choice for GDF. Other units a GDF 2 code
 * names become MISC channels in the base unit of the code (kOhm is scaled to Ohm); a GDF 1 text
 * that is not a voltage is kept as written, factor 1.
 *
 * @param unit   unit of the scaled samples
 * @param scale  multiply the file's physical values by this
 * @param type   channel type
 */
public record GdfUnit(String unit, double scale, ChannelType type) {
    /** GDF 2 physical dimension codes: bits 5-15 name the unit (ISO 11073-10101 table A.6.3). */
    static final int VOLT = 4256;
    static final int DIMENSIONLESS = 512;

    private static final Map<Integer, String> BASE_UNITS = Map.ofEntries(
            Map.entry(544, "%"), Map.entry(736, "deg"), Map.entry(768, "rad"), Map.entry(1280, "m"),
            Map.entry(1728, "g"), Map.entry(2176, "s"), Map.entry(2496, "Hz"), Map.entry(2720, "bpm"),
            Map.entry(3840, "Pa"), Map.entry(3872, "mmHg"), Map.entry(4160, "A"), Map.entry(4288, "Ohm"),
            Map.entry(4384, "K"), Map.entry(6048, "degC"), Map.entry(65504, "T"));

    private static final GdfUnit VOLTS = new GdfUnit("V", 1.0, ChannelType.EEG);

    /**
     * Decimal factor of the low 5 bits of a dimension code (ISO 11073-10101 table A.6.1): 0 none,
     * 1-10 deca..yotta, 16-25 deci..yocto; the rest are not assigned (NaN).
     */
    static double prefixFactor(int prefixCode) {
        return switch (prefixCode) {
            case 0 -> 1;
            case 1 -> 1e1;
            case 2 -> 1e2;
            case 3 -> 1e3;
            case 4 -> 1e6;
            case 5 -> 1e9;
            case 6 -> 1e12;
            case 7 -> 1e15;
            case 8 -> 1e18;
            case 9 -> 1e21;
            case 10 -> 1e24;
            case 16 -> 1e-1;
            case 17 -> 1e-2;
            case 18 -> 1e-3;
            case 19 -> 1e-6;
            case 20 -> 1e-9;
            case 21 -> 1e-12;
            case 22 -> 1e-15;
            case 23 -> 1e-18;
            case 24 -> 1e-21;
            case 25 -> 1e-24;
            default -> Double.NaN;
        };
    }

    /** The unit of a GDF 2 physical dimension code, or null when its decimal prefix is not assigned. */
    static GdfUnit fromCode(int code) {
        int base = code & 0xFFE0;
        double factor = prefixFactor(code & 0x1F);
        if (Double.isNaN(factor)) {
            return null;
        }
        if (code == 0 || code == DIMENSIONLESS) {
            return VOLTS;
        }
        if (base == VOLT) {
            return new GdfUnit("V", factor, ChannelType.EEG);
        }
        String symbol = BASE_UNITS.get(base);
        return new GdfUnit(symbol != null ? symbol : "GDF unit code " + base, factor, ChannelType.MISC);
    }

    /** The unit of a GDF 1 physical dimension text ("uV", latin-1 "µV", "mV", "V", ...). */
    static GdfUnit fromText(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("-")) {
            return VOLTS;
        }
        if (t.endsWith("V")) {
            double factor = switch (t.substring(0, t.length() - 1)) {
                case "" -> 1;
                case "k" -> 1e3;
                case "m" -> 1e-3;
                case "u", "\u00B5", "\u03BC" -> 1e-6;
                case "n" -> 1e-9;
                case "p" -> 1e-12;
                default -> Double.NaN;
            };
            if (!Double.isNaN(factor)) {
                return new GdfUnit("V", factor, ChannelType.EEG);
            }
        }
        return new GdfUnit(t, 1.0, ChannelType.MISC);
    }
}

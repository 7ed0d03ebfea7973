package io.neurofm.signal.io.gdf;

/**
 * The version a GDF file states in its first 8 bytes ("GDF 1.25", "GDF 2.20"), as major and
 * hundredths so comparisons with the thresholds where the layout changed are exact.
 *
 * @param text     the 8-byte version field as written
 * @param major    1 or 2
 * @param minor    the two digits after the point (25 for 1.25)
 */
public record GdfVersion(String text, int major, int minor) {
    /** From here on GDF 2 files may carry a tagged header extension (header 3). */
    static final GdfVersion TAGGED_HEADER = new GdfVersion("GDF 2.10", 2, 10);
    /** From here on the record duration is a float64 instead of two uint32. */
    static final GdfVersion FLOAT_DURATION = new GdfVersion("GDF 2.21", 2, 21);

    public boolean isGdf1() {
        return major == 1;
    }

    /** The version as a number, e.g. 1.25. */
    public double number() {
        return major + minor / 100.0;
    }

    public boolean atLeast(GdfVersion other) {
        return major * 100 + minor >= other.major * 100 + other.minor;
    }

    /** "GDF 1.25": the format name headers and provenance report. */
    public String formatName() {
        return String.format("GDF %d.%02d", major, minor);
    }

    /**
     * Parses the version field; returns null when it is not "GDF d.dd" with a supported version
     * (1.00-1.89 for the GDF 1 layout, 2.00-2.99 for GDF 2; 1.90-1.99 were pre-2.0 drafts).
     */
    static GdfVersion parse(String field) {
        if (field.length() != 8 || !field.startsWith("GDF ") || field.charAt(5) != '.'
                || !isDigit(field.charAt(4)) || !isDigit(field.charAt(6)) || !isDigit(field.charAt(7))) {
            return null;
        }
        int major = field.charAt(4) - '0';
        int minor = (field.charAt(6) - '0') * 10 + (field.charAt(7) - '0');
        if (major == 1 && minor < 90 || major == 2) {
            return new GdfVersion(field, major, minor);
        }
        return null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

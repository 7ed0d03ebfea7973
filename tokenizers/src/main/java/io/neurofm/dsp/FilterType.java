package io.neurofm.dsp;

/** The four Butterworth band types, named as scipy's {@code btype}. */
public enum FilterType {
    LOWPASS(1, "lowpass"),
    HIGHPASS(1, "highpass"),
    BANDPASS(2, "bandpass"),
    BANDSTOP(2, "bandstop");

    private final int cutoffCount;
    private final String scipyName;

    FilterType(int cutoffCount, String scipyName) {
        this.cutoffCount = cutoffCount;
        this.scipyName = scipyName;
    }

    /** 1 for low/high-pass, 2 (low edge, high edge) for band-pass and band-stop. */
    public int cutoffCount() {
        return cutoffCount;
    }

    /** The {@code btype} string scipy.signal.butter takes. */
    public String scipyName() {
        return scipyName;
    }

    /** Accepts scipy's spellings: low/lowpass, high/highpass, band/bandpass/pass, bandstop/stop. */
    public static FilterType parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "low", "lowpass", "lp" -> LOWPASS;
            case "high", "highpass", "hp" -> HIGHPASS;
            case "band", "bandpass", "pass", "bp" -> BANDPASS;
            case "bandstop", "stop", "bs" -> BANDSTOP;
            default -> throw new IllegalArgumentException("unknown filter type '" + name
                    + "'; expected lowpass, highpass, bandpass or bandstop");
        };
    }
}

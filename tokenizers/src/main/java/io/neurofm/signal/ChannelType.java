package io.neurofm.signal;

/** What a channel measures; decides its SI unit and how models and montages treat it. */
public enum ChannelType {
    EEG("V"),
    MEG_MAG("T"),
    MEG_GRAD("T/m"),
    EOG("V"),
    ECG("V"),
    EMG("V"),
    /** Trigger/status channels: integer codes, never filtered or scaled as signal. */
    STIM(""),
    MISC(""),
    /** Region-of-interest mean BOLD time course; arbitrary units. */
    FMRI_ROI("a.u.");

    private final String siUnit;

    ChannelType(String siUnit) {
        this.siUnit = siUnit;
    }

    /** The unit samples of this type carry in a {@link Recording} (MNE's convention). */
    public String siUnit() {
        return siUnit;
    }

    /** True for types that carry physiological signal (filters and scalers apply). */
    public boolean isData() {
        return this != STIM && this != MISC;
    }
}

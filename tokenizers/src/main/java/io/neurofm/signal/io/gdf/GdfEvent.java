package io.neurofm.signal.io.gdf;

/**
 * One entry of the event table, as stored.
 *
 * @param position 1-based sample position at the event table's rate (GDF convention)
 * @param type     event code, e.g. 0x0301
 * @param channel  0 for all channels, else the 1-based channel the event belongs to (mode 3 only)
 * @param duration duration in samples at the event table's rate (0 in mode 1)
 */
public record GdfEvent(long position, int type, int channel, long duration) {
    /** Onset in seconds from the first sample: position 1 is the first sample. */
    public double onsetSeconds(double eventRate) {
        return (position - 1) / eventRate;
    }

    public double durationSeconds(double eventRate) {
        return duration / eventRate;
    }
}

package io.neurofm.montage;

/** What {@link ChannelMapper#apply} does when the recording lacks channels the model wants. */
public enum MissingPolicy {
    /** Refuse with a {@link io.neurofm.signal.SignalException} naming the missing channels. */
    REFUSE,
    /** Estimate them by spherical-spline interpolation from the matched EEG channels. */
    INTERPOLATE
}

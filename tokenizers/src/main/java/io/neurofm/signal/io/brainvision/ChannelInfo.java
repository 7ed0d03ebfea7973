package io.neurofm.signal.io.brainvision;

/**
 * One [Channel Infos] entry as the header writes it.
 *
 * @param name       with "\1" already turned back into a comma
 * @param reference  reference channel name, empty when not given
 * @param resolution the factor from stored integers (or floats) to {@code unit}
 * @param unit       as written, µV when the header leaves it out or empty (BrainVision's default)
 */
record ChannelInfo(String name, String reference, double resolution, String unit) {
}

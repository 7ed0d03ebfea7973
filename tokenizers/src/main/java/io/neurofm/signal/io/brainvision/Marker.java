package io.neurofm.signal.io.brainvision;

/**
 * One Mk&lt;n&gt; entry of a .vmrk.
 *
 * @param position 1-based sample of the onset, as the file writes it
 * @param size     length in samples (0 when the file leaves it empty)
 * @param channel  0 for "all channels", else the 1-based channel number
 */
record Marker(String type, String description, long position, long size, int channel) {
    /** The annotation text as MNE forms it: type, a slash, description ("Stimulus/S  1", "New Segment/"). */
    String annotationText() {
        return type + "/" + description;
    }
}

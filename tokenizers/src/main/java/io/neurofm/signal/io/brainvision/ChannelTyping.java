package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Channel types, units and positions as mne.io.read_raw_brainvision gives them with its defaults
 * (eog=('HEOGL', 'HEOGR', 'VEOGb'), misc='auto'): EOG for those names; MISC for a unit that is not
 * a voltage, or for a [Coordinates] entry at the origin; STIM for "STI 014"; EEG otherwise.
 * Positions are kept for EEG channels only, as MNE's montage applies to EEG channels only.
 */
final class ChannelTyping {
    static final Set<String> EOG_NAMES = Set.of("HEOGL", "HEOGR", "VEOGb");
    static final String STIM_NAME = "STI 014";
    /** MNE's HEAD_SIZE_DEFAULT in millimetres: the radius an "idealised" (radius 1) coordinate is scaled to. */
    private static final double HEAD_RADIUS_MM = 95.0;

    private ChannelTyping() {
    }

    static List<Channel> channels(VhdrHeader header) {
        List<Channel> out = new ArrayList<>(header.channelCount());
        double rate = header.samplingRate();
        for (int i = 0; i < header.channelCount(); i++) {
            ChannelInfo info = header.channels().get(i);
            double[] rtp = header.coordinates().get(i);
            Position position = rtp == null ? null : position(rtp);
            boolean atOrigin = position != null && position.x() == 0 && position.y() == 0 && position.z() == 0;
            ChannelType type;
            if (EOG_NAMES.contains(info.name())) {
                type = ChannelType.EOG;
            } else if (!Units.isVoltage(info.unit()) || atOrigin) {
                type = ChannelType.MISC;
            } else if (info.name().equals(STIM_NAME)) {
                type = ChannelType.STIM;
            } else {
                type = ChannelType.EEG;
            }
            Position kept = type == ChannelType.EEG ? position : null;
            out.add(new Channel(info.name(), type, Units.siUnit(info.unit()), rate, kept));
        }
        return out;
    }

    /**
     * BrainVision Analyzer's spherical coordinates (radius in mm, theta = polar and phi = azimuth
     * in degrees) to Cartesian metres, as MNE converts them.
     */
    static Position position(double[] rtp) {
        double radius = rtp[0] == 1 ? HEAD_RADIUS_MM : rtp[0];
        double polar = Math.toRadians(rtp[1]);
        double azimuth = Math.toRadians(rtp[2]);
        double xy = radius * Math.sin(polar);
        return new Position(xy * Math.cos(azimuth) / 1e3, xy * Math.sin(azimuth) / 1e3,
                radius * Math.cos(polar) / 1e3);
    }
}

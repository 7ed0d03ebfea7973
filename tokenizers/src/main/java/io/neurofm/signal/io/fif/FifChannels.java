package io.neurofm.signal.io.fif;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;

/** FIFF channel kinds, coil types and units to {@link Channel}s, following MNE's channel_type rules. */
final class FifChannels {
    private FifChannels() {
    }

    static Channel toChannel(FifChannelInfo ch, double samplingRate) {
        return new Channel(ch.name(), type(ch), unitSymbol(ch.unit()), samplingRate, position(ch));
    }

    /**
     * MNE's rule: a MEG channel is a magnetometer when its unit is T and a gradiometer when it is
     * T/m (the coil type is not consulted); an EEG channel stays EEG for coil types EEG, bipolar
     * or none (CSD-transformed EEG is not EEG signal). Kinds without a type of their own here
     * (reference MEG, respiration, sEEG, ECoG, ...) become MISC.
     */
    static ChannelType type(FifChannelInfo ch) {
        return switch (ch.kind()) {
            case Fiff.CH_MEG -> switch (ch.unit()) {
                case Fiff.UNIT_T -> ChannelType.MEG_MAG;
                case Fiff.UNIT_T_M -> ChannelType.MEG_GRAD;
                default -> ChannelType.MISC;
            };
            case Fiff.CH_EEG -> switch (ch.coilType()) {
                case Fiff.COIL_EEG, Fiff.COIL_EEG_BIPOLAR, Fiff.COIL_NONE -> ChannelType.EEG;
                default -> ChannelType.MISC;
            };
            case Fiff.CH_STIM -> ChannelType.STIM;
            case Fiff.CH_EOG -> ChannelType.EOG;
            case Fiff.CH_ECG -> ChannelType.ECG;
            case Fiff.CH_EMG -> ChannelType.EMG;
            default -> ChannelType.MISC;
        };
    }

    /**
     * The position loc[0..2] in metres (head frame for EEG, device frame for MEG coils), or null
     * when it is all zeros (MNE's "no location") or not finite.
     */
    static Position position(FifChannelInfo ch) {
        float[] loc = ch.loc();
        float x = loc[0];
        float y = loc[1];
        float z = loc[2];
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z) || (x == 0 && y == 0 && z == 0)) {
            return null;
        }
        return new Position(x, y, z);
    }

    /** The SI symbol of a FIFF unit code; "" for none, unitless and codes FIFF does not define. */
    static String unitSymbol(int unit) {
        return switch (unit) {
            case 1 -> "m";
            case 2 -> "kg";
            case 3 -> "s";
            case 4 -> "A";
            case 5 -> "K";
            case 6 -> "mol";
            case 7 -> "rad";
            case 8 -> "sr";
            case 9 -> "cd";
            case 10 -> "mol/m^3";
            case 101 -> "Hz";
            case 102 -> "N";
            case 103 -> "Pa";
            case 104 -> "J";
            case 105 -> "W";
            case 106 -> "C";
            case 107 -> "V";
            case 108 -> "F";
            case 109 -> "Ohm";
            case 110 -> "S";
            case 111 -> "Wb";
            case Fiff.UNIT_T -> "T";
            case 113 -> "H";
            case 114 -> "Cel";
            case 115 -> "lm";
            case 116 -> "lx";
            case 117 -> "V/m^2";
            case Fiff.UNIT_T_M -> "T/m";
            case 202 -> "Am";
            case 203 -> "Am/m^2";
            case 204 -> "Am/m^3";
            default -> "";
        };
    }
}

package io.neurofm.probe.baseline;

import io.neurofm.dsp.Epochs;
import io.neurofm.dsp.Filters;
import io.neurofm.probe.LabelledEpochs;
import io.neurofm.probe.ProbeDataset;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The classic band-power baseline: for each band, the continuous recording is band-passed
 * (zero-phase Butterworth, {@link Filters#bandpass}, before epoching so epoch edges carry no filter
 * transients), cut into epochs around the cue events, and each epoch's log-variance per channel
 * is one feature. Nothing is learnt from labels here, so the features can be computed once for all
 * folds without leakage.
 */
public final class BandPowerFeatures {
    private BandPowerFeatures() {
    }

    /**
     * @param events   event description (e.g. "0x0301", or a decimal code) -> class name; classes are
     *                 numbered in the map's iteration order of first appearance
     * @param channels the channels to use (names as in the recording)
     */
    public static ProbeDataset logVariance(Recording recording, Map<String, String> events, double tmin, double tmax,
                                           List<String> channels, List<Band> bands, int order, String subject)
            throws SignalException {
        if (events.isEmpty() || channels.isEmpty() || bands.isEmpty()) {
            throw new IllegalArgumentException("need events, channels and bands");
        }
        int[] channelIndex = new int[channels.size()];
        for (int c = 0; c < channels.size(); c++) {
            channelIndex[c] = recording.indexOf(channels.get(c));
            if (channelIndex[c] < 0) {
                throw new IllegalArgumentException("channel '" + channels.get(c) + "' is not in the recording; it has "
                        + recording.channelNames());
            }
        }
        List<String> featureNames = new ArrayList<>();
        double[][] features = null;
        int[] labels = null;
        List<String> classNames = null;
        for (int b = 0; b < bands.size(); b++) {
            Band band = bands.get(b);
            Recording filtered = Filters.bandpass(recording, band.low(), band.high(), order);
            LabelledEpochs labelled = LabelledEpochs.cut(filtered, events, tmin, tmax);
            Epochs epochs = labelled.epochs();
            if (features == null) {
                features = new double[epochs.epochCount()][channels.size() * bands.size()];
                labels = labelled.labels();
                classNames = labelled.classNames();
            }
            float[][][] data = epochs.data();
            for (int e = 0; e < data.length; e++) {
                for (int c = 0; c < channels.size(); c++) {
                    features[e][b * channels.size() + c] = Math.log(variance(data[e][channelIndex[c]]));
                }
            }
            for (String ch : channels) {
                featureNames.add(ch + ":" + band.name());
            }
        }
        return ProbeDataset.singleRecording(features, labels, classNames, featureNames, subject);
    }

    /** Population variance in double (numpy's var). */
    static double variance(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (float v : x) {
            ss += (v - mean) * (v - mean);
        }
        return ss / x.length;
    }
}

package io.neurofm.finetune;

import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.inference.ArtifactPreprocessing;
import io.neurofm.inference.InvalidInputException;
import io.neurofm.probe.LabelledEpochs;
import io.neurofm.signal.Channel;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labelled event epochs prepared the way a DeeperBrain artifact's model was trained: the chosen
 * channels through {@link ArtifactPreprocessing} (names normalised, resampled to the artifact's
 * {@code samplingRate}, its filters on the whole recording before epoching so epoch edges carry no
 * filter transients, positions from the channel or else the 10-05 montage by name), epochs cut with
 * {@link LabelledEpochs} (the band-power baseline's reader), volts multiplied by the one scalar
 * {@code input_scale}, and each epoch split into its first floor(n / L) patches of L samples.
 */
public final class EpochPatches {
    private EpochPatches() {
    }

    /**
     * @param channels channel names in the recording (after any channel map); their positions, or
     *                 null where unknown, go to the model
     */
    public static FineTuneData prepare(Recording recording, PreprocessingSpec preprocessing, double inputScale,
                                       int patchLength, List<String> channels, Map<String, String> events,
                                       double tmin, double tmax) throws SignalException {
        if (!(inputScale > 0) || Double.isInfinite(inputScale)) {
            throw new IllegalArgumentException("input_scale must be finite and > 0, got " + inputScale);
        }
        if (preprocessing.normalisation() != null) {
            throw new IllegalArgumentException("the artifact asks for per-channel normalisation statistics; "
                    + "fine-tuning supports DeeperBrain artifacts, which scale inputs by one input_scale instead");
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no channels chosen");
        }
        List<Channel> picked = new ArrayList<>();
        float[][] samples = new float[channels.size()][];
        for (int c = 0; c < channels.size(); c++) {
            int i = recording.indexOf(channels.get(c));
            if (i < 0) {
                throw new IllegalArgumentException("channel '" + channels.get(c) + "' is not in the recording; it has "
                        + recording.channelNames());
            }
            picked.add(recording.channel(i));
            samples[c] = recording.channelData(i);
        }
        Recording r = recording.derive(picked, samples, recording.samplingRate(), recording.annotations(),
                Transform.of("pick", "channels", String.join(",", channels)));
        try {
            r = new ArtifactPreprocessing(preprocessing, Set.of()).prepareRecording(r);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        LabelledEpochs labelled = LabelledEpochs.cut(r, events, tmin, tmax);
        float[][][] data = labelled.epochs().data();
        int length = labelled.epochs().epochLength();
        int p = length / patchLength;
        if (p == 0) {
            throw new IllegalArgumentException("epochs of " + length + " samples at " + r.samplingRate()
                    + " Hz are shorter than one patch of " + patchLength + " samples");
        }
        float[][][][] patches = new float[data.length][channels.size()][p][patchLength];
        for (int e = 0; e < data.length; e++) {
            for (int c = 0; c < channels.size(); c++) {
                for (int k = 0; k < p; k++) {
                    for (int l = 0; l < patchLength; l++) {
                        patches[e][c][k][l] = (float) (data[e][c][k * patchLength + l] * inputScale);
                    }
                }
            }
        }
        List<Position> positions = ArtifactPreprocessing.positions(r);
        return new FineTuneData(patches, positions, labelled.labels(), labelled.classNames(), r.channelNames());
    }
}

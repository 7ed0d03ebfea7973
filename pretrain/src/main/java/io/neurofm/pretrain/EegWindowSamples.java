package io.neurofm.pretrain;

import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.load.LoadSpec;
import io.neurofm.load.RecordingLoader;
import io.neurofm.montage.ChannelName;
import io.neurofm.montage.ChannelNames;
import io.neurofm.montage.Montage;
import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.Transform;
import io.neurofm.tokenize.stats.NeurodynamicsStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeeperBrain's samples from EEG recordings: each recording's EEG channels (names normalised,
 * positions from the standard 10-05 montage where the name is an electrode, else unknown),
 * resampled, band-passed, cut into windows; a sample is a block of C consecutive channels of one
 * window with the neurodynamics statistics of that block. The split is by time: the last
 * {@code validationFraction} of each recording's windows are held out, and training windows that
 * would overlap them are dropped. Values stay in volts (scaling is the data set's).
 *
 * @param train       training samples
 * @param validation  held-out samples
 * @param channels    the channels training samples use, in order of first use, with positions
 * @param summaries   one line per recording for the model card
 * @param skipped     samples dropped because their statistics are undefined (a flat channel, ...)
 */
record EegWindowSamples(List<Sample> train, List<Sample> validation, List<ChannelSpec> channels,
        List<String> summaries, int skipped) {

    /** One block: [C][T] volts, C positions (null = unknown), the statistics vector, its source. */
    record Sample(float[][] signal, Position[] positions, double[] statistics, int recording) {}

    static EegWindowSamples build(List<Path> inputs, double rate, FilterSpec bandPass, int window, int stride,
            int channelsPerSample, double validationFraction, NeurodynamicsStatistics statistics) throws IOException {
        List<Sample> train = new ArrayList<>();
        List<Sample> validation = new ArrayList<>();
        Map<String, ChannelSpec> used = new LinkedHashMap<>();
        List<String> summaries = new ArrayList<>();
        int skipped = 0;
        for (int source = 0; source < inputs.size(); source++) {
            Path input = inputs.get(source);
            Recording r = eegOnly(RecordingLoader.load(input,
                    new LoadSpec(OpenOptions.DEFAULT, List.of(), 0, Double.NaN, rate, null, null, true)), input);
            r = Montage.applyStandard(Montage.normaliseNames(r), StandardMontage.TEN_FIVE).recording();
            r = bandPass.apply(r);
            int windows = r.sampleCount() < window ? 0 : (r.sampleCount() - window) / stride + 1;
            int blocks = r.channelCount() / channelsPerSample;
            if (windows < 2 || blocks == 0) {
                throw new IllegalArgumentException(input + ": " + windows + " windows of " + window + " samples and "
                        + r.channelCount() + " EEG channels; a recording needs 2 windows (train and validation) and "
                        + channelsPerSample + " channels");
            }
            float[][] data = r.samples();
            int held = (int) Math.max(1, Math.min(windows - 1, Math.round(windows * validationFraction)));
            int validationStart = (windows - held) * stride;
            int trainWindows = 0;
            for (int w = 0; w < windows; w++) {
                int start = w * stride;
                boolean isValidation = start >= validationStart;
                if (!isValidation && start + window > validationStart) {
                    continue;
                }
                trainWindows += isValidation ? 0 : 1;
                for (int b = 0; b < blocks; b++) {
                    float[][] signal = new float[channelsPerSample][];
                    double[][] rows = new double[channelsPerSample][window];
                    Position[] positions = new Position[channelsPerSample];
                    List<String> names = new ArrayList<>();
                    for (int k = 0; k < channelsPerSample; k++) {
                        int c = b * channelsPerSample + k;
                        signal[k] = Arrays.copyOfRange(data[c], start, start + window);
                        for (int t = 0; t < window; t++) {
                            rows[k][t] = signal[k][t];
                        }
                        positions[k] = r.channel(c).position();
                        names.add(r.channel(c).name());
                    }
                    double[] stats;
                    try {
                        float[] flat = statistics.compute(rows, names).flat();
                        stats = new double[flat.length];
                        for (int i = 0; i < flat.length; i++) {
                            stats[i] = flat[i];
                        }
                    } catch (IllegalArgumentException e) {
                        skipped++;
                        continue;
                    }
                    if (!isValidation) {
                        for (int k = 0; k < channelsPerSample; k++) {
                            Channel channel = r.channel(b * channelsPerSample + k);
                            used.putIfAbsent(channel.name(), ChannelSpec.of(channel));
                        }
                    }
                    (isValidation ? validation : train).add(new Sample(signal, positions, stats, source));
                }
            }
            long placed = r.channels().stream().filter(c -> c.position() != null).count();
            summaries.add(input.getFileName() + ": " + r.channelCount() + " EEG channels (" + placed
                    + " with 10-05 positions), " + trainWindows + " training and " + held + " validation windows, "
                    + blocks + " blocks of " + channelsPerSample + " channels each");
        }
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("no usable " + (train.isEmpty() ? "training" : "validation")
                    + " samples (" + skipped + " skipped for undefined statistics)");
        }
        return new EegWindowSamples(train, validation, List.copyOf(used.values()), summaries, skipped);
    }

    /**
     * The recording's EEG channels named as an electrode or a bipolar derivation of electrodes
     * (triggers, EOG, misc, and channels such as "ECG ECG2" that a format types as EEG are not
     * pretraining input).
     */
    private static Recording eegOnly(Recording r, Path input) {
        List<Channel> channels = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int c = 0; c < r.channelCount(); c++) {
            if (r.channel(c).type() == ChannelType.EEG
                    && ChannelNames.parse(r.channel(c).name()).kind() != ChannelName.Kind.OTHER) {
                channels.add(r.channel(c));
                rows.add(r.channelData(c));
            }
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(input + " has no EEG channel");
        }
        if (channels.size() == r.channelCount()) {
            return r;
        }
        return r.derive(channels, rows.toArray(new float[0][]), r.samplingRate(), r.annotations(),
                Transform.of("pick", "type", "EEG", "kept", channels.size()));
    }

    /**
     * One input scale for all channels and windows: 1 / the median standard deviation of the
     * training samples' channel rows (volts), so typical inputs have unit scale while power
     * differences between windows and channels survive.
     */
    static double inputScale(List<Sample> train) {
        List<Double> stds = new ArrayList<>();
        for (Sample s : train) {
            for (float[] row : s.signal()) {
                double mean = 0;
                for (float v : row) {
                    mean += v;
                }
                mean /= row.length;
                double var = 0;
                for (float v : row) {
                    var += (v - mean) * (v - mean);
                }
                stds.add(Math.sqrt(var / row.length));
            }
        }
        double[] sorted = stds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        if (!(median > 0)) {
            throw new IllegalArgumentException("the training windows' median channel standard deviation is "
                    + median + "; cannot fit an input scale");
        }
        return 1 / median;
    }

    /** Per-dimension mean and standard deviation of the training statistics (a zero deviation becomes 1). */
    static double[][] statisticsMoments(List<Sample> train) {
        int d = train.get(0).statistics().length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (Sample s : train) {
            for (int i = 0; i < d; i++) {
                mean[i] += s.statistics()[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= train.size();
        }
        for (Sample s : train) {
            for (int i = 0; i < d; i++) {
                double e = s.statistics()[i] - mean[i];
                std[i] += e * e;
            }
        }
        for (int i = 0; i < d; i++) {
            std[i] = Math.sqrt(std[i] / train.size());
            if (!(std[i] > 1e-12)) {
                std[i] = 1;
            }
        }
        return new double[][] {mean, std};
    }
}

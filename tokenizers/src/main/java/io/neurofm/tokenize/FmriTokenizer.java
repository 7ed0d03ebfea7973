package io.neurofm.tokenize;

import io.neurofm.dsp.Scaler;
import io.neurofm.dsp.ScalingMethod;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * fMRI ROI time series to patch tokens whose duration is fixed in seconds, not in volumes
 * (BrainLM style), so scans with different TRs give tokens covering the same time. Each ROI is
 * robust-scaled over the window itself ({@link Scaler}, median / IQR: BOLD values in arbitrary
 * units are not comparable between scans, so no statistics carry over from training), then cut
 * into patches of {@code round(duration / TR)} volumes. A trailing partial patch is padded with
 * zeros and marked invalid in {@link Tokens#valid()}.
 *
 * <p>Fitting records the ROI set (a window with other ROIs is refused: the parcellation must be
 * the training one). Tokens of scans with different TRs have different vector lengths; use
 * {@link TokenBatch#pad} to batch them.
 */
public final class FmriTokenizer implements Tokenizer {
    public static final String TYPE = "fmri";
    /** 48 volumes at TR 0.735 s (HCP-style multiband), 24 at 1.47, 16 at 2.205, 12 at 2.94. */
    public static final double DEFAULT_DURATION_SECONDS = 35.28;

    private final double durationSeconds;
    private final List<String> rois;

    private FmriTokenizer(double durationSeconds, List<String> rois) {
        if (!(durationSeconds > 0) || !Double.isFinite(durationSeconds)) {
            throw new IllegalArgumentException("token duration must be positive, got " + durationSeconds);
        }
        this.durationSeconds = durationSeconds;
        this.rois = List.copyOf(rois);
    }

    /** Records the ROIs of the training recordings (which must all have the same ROIs). */
    public static FmriTokenizer fit(List<Recording> training, double durationSeconds) throws SignalException {
        if (training.isEmpty()) {
            throw new SignalException(null, "the fmri tokenizer needs at least one training recording");
        }
        List<String> rois = training.get(0).channelNames();
        for (Recording r : training) {
            if (!r.channelNames().equals(rois)) {
                throw new SignalException(null, "fmri training recordings must share one parcellation: " + rois
                        + " vs " + r.channelNames());
            }
        }
        return new FmriTokenizer(durationSeconds, rois);
    }

    static FmriTokenizer fromState(TokenizerState state) {
        StateFields fields = new StateFields(state, TYPE);
        return new FmriTokenizer(fields.positive("duration_seconds"), fields.names("rois"));
    }

    @Override
    public String type() {
        return TYPE;
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    /** Volumes per token at this repetition time: round(duration / TR), at least 1. */
    public int patchLength(double repetitionSeconds) {
        return Math.max(1, (int) Math.round(durationSeconds / repetitionSeconds));
    }

    @Override
    public Tokens encode(Recording window) throws SignalException {
        WindowChecks.requireSamples(window, 2, TYPE);
        List<String> names = window.channelNames();
        if (!rois.containsAll(names)) {
            throw new SignalException(null, "the fmri tokenizer was fitted on another parcellation: unknown ROIs "
                    + names.stream().filter(n -> !rois.contains(n)).toList());
        }
        WindowChecks.requireFinite(window, TYPE);
        double tr = 1 / window.samplingRate();
        List<Channel> asRois = window.channels().stream().map(c -> c.withType(ChannelType.FMRI_ROI, c.unit())).toList();
        Recording typed = window.withChannels(asRois, Transform.of("fmri_rois", "channels", asRois.size()));
        Recording scaled = Scaler.apply(typed, Scaler.fit(typed, ScalingMethod.ROBUST));
        int length = patchLength(tr);
        int n = scaled.sampleCount();
        int patches = (n + length - 1) / length;
        float[][][] vectors = new float[names.size()][patches][length];
        boolean[][] valid = new boolean[names.size()][patches];
        for (int c = 0; c < names.size(); c++) {
            for (int k = 0; k < patches; k++) {
                int count = Math.min(length, n - k * length);
                for (int i = 0; i < count; i++) {
                    vectors[c][k][i] = scaled.sample(c, k * length + i);
                }
                valid[c][k] = count == length;
            }
        }
        return new Tokens(names, WindowChecks.positions(window), null, vectors, valid, 0, length * tr,
                window.samplingRate());
    }

    @Override
    public TokenizerState state() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("duration_seconds", durationSeconds);
        config.put("scaling", "robust (median / IQR) per ROI over each window");
        StateFields.array(config, "rois", rois);
        return new TokenizerState(TYPE, config, Map.of());
    }
}

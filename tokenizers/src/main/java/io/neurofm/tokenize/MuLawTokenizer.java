package io.neurofm.tokenize;

import io.neurofm.signal.Channel;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One token per sample per channel (WaveNet-style mu-law, mu = 255, 256 ids). Each channel is
 * divided by its largest absolute value over the training recordings (times an optional headroom
 * factor, default 1), clipped to [-1, 1],
 * compressed by {@code sign(x) ln(1 + mu|x|) / ln(1 + mu)} and quantised uniformly:
 * {@code id = round((y + 1) / 2 * mu)}. Decoding inverts each step, so the only loss is the
 * quantisation (finer near zero) and clipping of held-out values beyond the training maximum.
 * On real EEG the clipping dominates when the held-out part has larger artefacts than the training
 * part: a headroom of 2 trades a little resolution for room (see docs/tokenize.md).
 */
public final class MuLawTokenizer implements Tokenizer {
    public static final String TYPE = "mulaw";
    public static final int MU = 255;
    private static final double LOG1P_MU = Math.log1p(MU);

    private final double samplingRate;
    private final ChannelTable channels;
    private final double[] scale;

    private MuLawTokenizer(double samplingRate, ChannelTable channels, double[] scale) {
        this.samplingRate = samplingRate;
        this.channels = channels;
        this.scale = scale;
    }

    /** Fits the per-channel max-abs scale on the training recordings (one rate; channels may differ). */
    public static MuLawTokenizer fit(List<Recording> training) throws SignalException {
        return fit(training, 1);
    }

    /** @param headroom the scale is headroom times the training max-abs (>= 1 leaves room for larger values) */
    public static MuLawTokenizer fit(List<Recording> training, double headroom) throws SignalException {
        if (!(headroom > 0) || !Double.isFinite(headroom)) {
            throw new IllegalArgumentException("headroom must be positive, got " + headroom);
        }
        WindowChecks.requireRecordings(training, TYPE);
        ChannelTable table = ChannelTable.union(training);
        double[] maxAbs = new double[table.size()];
        for (Recording r : training) {
            for (int c = 0; c < r.channelCount(); c++) {
                int i = table.indexOf(r.channel(c).name());
                for (int t = 0; t < r.sampleCount(); t++) {
                    maxAbs[i] = Math.max(maxAbs[i], Math.abs(r.sample(c, t)));
                }
            }
        }
        for (int i = 0; i < maxAbs.length; i++) {
            if (!(maxAbs[i] > 0)) {
                throw new SignalException(null, "channel " + table.names().get(i)
                        + " is zero throughout the training recordings: it has no scale to fit; drop it first");
            }
            maxAbs[i] *= headroom;
        }
        return new MuLawTokenizer(training.get(0).samplingRate(), table, maxAbs);
    }

    static MuLawTokenizer fromState(TokenizerState state) {
        StateFields fields = new StateFields(state, TYPE);
        fields.integer("mu", MU, MU);
        ChannelTable table = ChannelTable.read(fields);
        return new MuLawTokenizer(fields.positive("sampling_rate"), table,
                fields.numbers("scale", table.size(), true));
    }

    @Override
    public String type() {
        return TYPE;
    }

    public double samplingRate() {
        return samplingRate;
    }

    /** The fitted scale per channel (headroom times max-abs), in the channel's unit. */
    public Map<String, Double> scales() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < scale.length; i++) {
            out.put(channels.names().get(i), scale[i]);
        }
        return out;
    }

    @Override
    public Tokens encode(Recording window) throws SignalException {
        WindowChecks.requireSamples(window, 1, TYPE);
        WindowChecks.requireRate(window, samplingRate, TYPE);
        int[] rows = channels.rowsOf(window, TYPE);
        WindowChecks.requireFinite(window, TYPE);
        int[][] ids = new int[rows.length][window.sampleCount()];
        for (int c = 0; c < rows.length; c++) {
            double s = scale[rows[c]];
            for (int t = 0; t < ids[c].length; t++) {
                ids[c][t] = encodeValue(window.sample(c, t) / s);
            }
        }
        return new Tokens(window.channelNames(), WindowChecks.positions(window), ids, null, null, MU + 1,
                1 / samplingRate, samplingRate);
    }

    /** The id of a value already divided by its channel scale. */
    static int encodeValue(double x) {
        double clipped = Math.max(-1, Math.min(1, x));
        double y = Math.signum(clipped) * Math.log1p(MU * Math.abs(clipped)) / LOG1P_MU;
        return (int) Math.round((y + 1) / 2 * MU);
    }

    /** The value (before multiplying by the channel scale) an id stands for. */
    static double decodeValue(int id) {
        double y = 2.0 * id / MU - 1;
        return Math.signum(y) * Math.expm1(Math.abs(y) * LOG1P_MU) / MU;
    }

    @Override
    public boolean invertible() {
        return true;
    }

    @Override
    public Recording decode(Tokens tokens) throws SignalException {
        if (!tokens.isDiscrete() || tokens.vocabularySize() != MU + 1) {
            throw new SignalException(null, "mu-law decoding needs discrete tokens with 256 ids, got "
                    + (tokens.isDiscrete() ? tokens.vocabularySize() + " ids" : "vectors"));
        }
        if (Math.abs(tokens.samplingRate() - samplingRate) > 1e-9 * samplingRate) {
            throw new SignalException(null, "tokens made at " + tokens.samplingRate() + " Hz, this mu-law tokenizer"
                    + " works at " + samplingRate + " Hz");
        }
        int[] rows = channels.rowsOf(tokens.channels(), TYPE);
        float[][] samples = new float[rows.length][tokens.steps()];
        List<Channel> out = new ArrayList<>();
        for (int c = 0; c < rows.length; c++) {
            double s = scale[rows[c]];
            for (int t = 0; t < samples[c].length; t++) {
                int id = tokens.ids()[c][t];
                if (id < 0 || id > MU) {
                    throw new SignalException(null, "token id " + id + " of channel " + tokens.channels().get(c)
                            + " at step " + t + " is outside 0.." + MU);
                }
                samples[c][t] = (float) (decodeValue(id) * s);
            }
            out.add(channels.channel(rows[c], samplingRate, tokens.positions().get(c)));
        }
        return new Recording(out, samples, samplingRate, List.of(), RecordingIds.NONE, null, 0,
                List.of(Transform.of("detokenize", "tokenizer", TYPE, "mu", MU)));
    }

    @Override
    public TokenizerState state() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("mu", MU);
        config.put("sampling_rate", samplingRate);
        channels.write(config);
        StateFields.array(config, "scale", scale);
        return new TokenizerState(TYPE, config, Map.of());
    }
}

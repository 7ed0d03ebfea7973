package io.neurofm.inference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.neurofm.artifact.Artifact;
import io.neurofm.family.meggpt.MegGptConfig;
import io.neurofm.family.meggpt.MegGptEmbeddings;
import io.neurofm.family.meggpt.MegGptModel;
import io.neurofm.family.meggpt.Pooling;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import io.neurofm.tokenize.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * MEG-GPT inference: windows are tokenised with the artifact's own tokenizer, each channel gets
 * its id in the training channel table, and every window uses session id 0 (a new recording has
 * no session embedding of its own; 0 is the first training session). Poolings: {@code mean} over
 * time then channels, {@code last} step then mean over channels, {@code flatten} = per-channel
 * time means concatenated in channel order.
 */
final class MegGptEmbeddingModel extends PreparingEmbeddingModel {
    static final List<String> POOLINGS = List.of("mean", "last", "flatten");

    private final MegGptModel model;
    private final Tokenizer tokenizer;
    private final Map<String, Integer> channelIds = new HashMap<>();
    private final ArtifactPreprocessing preparation;
    private final ModelDescription description;

    /** @param randomSeed null = the artifact's weights; else fresh weights initialised with this seed */
    MegGptEmbeddingModel(Artifact artifact, String reference, NDManager manager, Integer randomSeed) throws IOException {
        super(manager);
        MegGptConfig config = Hyperparameters.model(artifact.config(), MegGptConfig.class);
        List<String> vocabulary = new ArrayList<>();
        Hyperparameters.required(artifact.config(), "channel_vocabulary").forEach(n -> vocabulary.add(n.asString()));
        for (int i = 0; i < vocabulary.size(); i++) {
            channelIds.put(vocabulary.get(i), i);
        }
        int window = Hyperparameters.requiredInt(artifact.config(), "window_samples");
        Path tokenizerFile = artifact.tokenizerFile().orElseThrow(() -> new IllegalArgumentException(
                artifact.source() + ": a MEG-GPT artifact needs tokenizer.json"));
        this.tokenizer = TokenizerFiles.load(tokenizerFile);
        this.model = new MegGptModel(config);
        if (randomSeed != null) {
            manager.getEngine().setRandomSeed(randomSeed);
        }
        model.initialize(manager);
        if (randomSeed == null) {
            artifact.loadWeights(model.block(), manager);
        }
        this.preparation = new ArtifactPreprocessing(artifact.preprocessing(), new LinkedHashSet<>(vocabulary));
        int d = config.dModel();
        this.description = new ModelDescription(reference, "meggpt", artifact.config().size(),
                artifact.preprocessing().samplingRate(), Math.min(window, config.maxLength()), 1, vocabulary,
                POOLINGS, Map.of("mean", d, "last", d, "flatten", -1), artifact.heads());
    }

    @Override
    public ModelDescription description() {
        return description;
    }

    @Override
    ArtifactPreprocessing preparation() {
        return preparation;
    }

    @Override
    void checkLength(PreparedWindow prepared) {
        int max = description.windowSamples();
        if (prepared.sampleCount() > max) {
            throw new InvalidInputException("data", "the window has " + prepared.sampleCount() + " samples at "
                    + description.samplingRate() + " Hz after resampling; this model takes at most " + max
                    + " (" + description.windowSeconds() + " s)");
        }
    }

    @Override
    public float[][] embed(List<PreparedWindow> windows, String pooling) {
        String name = Poolings.require(pooling, POOLINGS);
        Pooling time = name.equals("last") ? Pooling.LAST : Pooling.MEAN;
        return ShapeGroups.rows(manager, windows, (m, group) -> {
            MegGptEmbeddings e = model.embed(new ParameterStore(m, false), batch(m, windows, group), time);
            return name.equals("flatten") ? e.perChannel().reshape(group.length, -1) : e.pooled();
        });
    }

    @Override
    public float[][][] embedSequence(List<PreparedWindow> windows) {
        return ShapeGroups.sequences(manager, windows,
                (m, group) -> model.sequence(new ParameterStore(m, false), batch(m, windows, group)));
    }

    private NDList batch(NDManager m, List<PreparedWindow> windows, int[] group) {
        PreparedWindow first = windows.get(group[0]);
        int c = first.channels().size();
        int t = first.sampleCount();
        int[] tokens = new int[group.length * c * t];
        int[] ids = new int[group.length * c];
        for (int i = 0; i < group.length; i++) {
            PreparedWindow w = windows.get(group[i]);
            int[][] encoded = encode(w);
            for (int ch = 0; ch < c; ch++) {
                System.arraycopy(encoded[ch], 0, tokens, (i * c + ch) * t, t);
                Integer id = channelIds.get(w.channels().get(ch));
                if (id == null) {
                    throw new InvalidInputException("channels", "channel '" + w.channels().get(ch)
                            + "' is not in the model's channel table");
                }
                ids[i * c + ch] = id;
            }
        }
        return new NDList(m.create(tokens, new Shape(group.length, c, t)), m.create(ids, new Shape(group.length, c)),
                m.create(new int[group.length], new Shape(group.length)));
    }

    private int[][] encode(PreparedWindow w) {
        double rate = description.samplingRate();
        List<Channel> channels = w.channels().stream()
                .map(n -> new Channel(n, ChannelType.EEG, ChannelType.EEG.siUnit(), rate, null)).toList();
        Recording r = new Recording(channels, w.samples(), rate, List.of(), RecordingIds.NONE, null, 0,
                List.of(Transform.of("prepared-window")));
        try {
            Tokens tokens = tokenizer.encode(r);
            return tokens.ids();
        } catch (SignalException e) {
            throw new InvalidInputException("channels", "the model's tokenizer refused the window: " + e.getMessage(), e);
        }
    }
}

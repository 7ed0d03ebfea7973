package io.neurofm.inference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.neurofm.artifact.Artifact;
import io.neurofm.family.deeperbrain.DeeperBrainBatch;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainEmbeddings;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.EmbeddingPooling;
import io.neurofm.signal.Position;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DeeperBrain inference: any EEG channel set (positions from the input, else the 10-05 montage by
 * name, else unknown), volts times the artifact's {@code input_scale}, cut into P = floor(T / L)
 * patches of L samples (a trailing part shorter than one patch is not embedded), every patch
 * visible. Poolings: {@code mean} over all tokens, {@code power} = mean and log-variance of the
 * tokens (width 2d), {@code flatten} = per-channel token means concatenated in channel order.
 */
final class DeeperBrainEmbeddingModel extends PreparingEmbeddingModel {
    static final List<String> POOLINGS = List.of("mean", "power", "flatten");

    private final DeeperBrainModel model;
    private final int patchLength;
    private final float inputScale;
    private final ArtifactPreprocessing preparation;
    private final ModelDescription description;

    /** @param randomSeed null = the artifact's weights; else fresh weights initialised with this seed */
    DeeperBrainEmbeddingModel(Artifact artifact, String reference, NDManager manager, Integer randomSeed) throws IOException {
        super(manager);
        DeeperBrainConfig config = Hyperparameters.model(artifact.config(), DeeperBrainConfig.class);
        int window = Hyperparameters.requiredInt(artifact.config(), "window_samples");
        this.inputScale = (float) Hyperparameters.requiredPositive(artifact.config(), "input_scale");
        this.patchLength = config.patchLength();
        if (window < patchLength) {
            throw new IllegalArgumentException("config.json: hyperparameters.window_samples (" + window
                    + ") is shorter than one patch (" + patchLength + ")");
        }
        this.model = new DeeperBrainModel(config);
        if (randomSeed != null) {
            manager.getEngine().setRandomSeed(randomSeed);
        }
        model.initialize(manager);
        if (randomSeed == null) {
            artifact.loadWeights(model.block(), manager);
        }
        this.preparation = new ArtifactPreprocessing(artifact.preprocessing(), Set.of());
        int d = config.dModel();
        this.description = new ModelDescription(reference, "deeperbrain", artifact.config().size(),
                artifact.preprocessing().samplingRate(), window, patchLength, List.of(), POOLINGS,
                Map.of("mean", d, "power", 2 * d, "flatten", -1), artifact.heads());
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
        if (prepared.sampleCount() < patchLength) {
            throw new InvalidInputException("data", "the window has " + prepared.sampleCount() + " samples at "
                    + description.samplingRate() + " Hz after resampling; this model needs at least one patch of "
                    + patchLength + " samples (" + patchLength / description.samplingRate() + " s)");
        }
    }

    @Override
    public float[][] embed(List<PreparedWindow> windows, String pooling) {
        String name = Poolings.require(pooling, POOLINGS);
        EmbeddingPooling tokens = name.equals("power") ? EmbeddingPooling.POWER : EmbeddingPooling.MEAN;
        return ShapeGroups.rows(manager, windows, (m, group) -> {
            DeeperBrainEmbeddings e = model.embed(new ParameterStore(m, false), batch(m, windows, group), tokens);
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
        int p = first.sampleCount() / patchLength;
        float[][][][] patches = new float[group.length][c][p][patchLength];
        Position[][] positions = new Position[group.length][];
        float[][][] mask = new float[group.length][c][p];
        for (int i = 0; i < group.length; i++) {
            PreparedWindow w = windows.get(group[i]);
            for (int ch = 0; ch < c; ch++) {
                float[] row = w.samples()[ch];
                for (int k = 0; k < p; k++) {
                    float[] patch = patches[i][ch][k];
                    for (int s = 0; s < patchLength; s++) {
                        patch[s] = row[k * patchLength + s] * inputScale;
                    }
                }
            }
            positions[i] = w.positions().toArray(new Position[0]);
        }
        return DeeperBrainBatch.of(m, patches, positions, mask, null);
    }
}

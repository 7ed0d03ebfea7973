package io.neurofm.finetune;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DeeperBrain artifact hyperparameter convention: {@code model} (the {@link DeeperBrainConfig}
 * record as JSON), {@code window_samples} (samples per window at the preprocessing rate) and
 * {@code input_scale} (one scalar multiplied into volts before patching).
 */
public final class DeeperBrainArtifacts {
    public static final String FAMILY = "deeperbrain";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private DeeperBrainArtifacts() {
    }

    public static ObjectNode hyperparameters(DeeperBrainConfig model, int windowSamples, double inputScale) {
        ObjectNode h = MAPPER.createObjectNode();
        h.set("model", MAPPER.valueToTree(model));
        h.put("window_samples", windowSamples);
        h.put("input_scale", inputScale);
        return h;
    }

    public static DeeperBrainConfig modelConfig(ArtifactConfig config) {
        requireFamily(config);
        JsonNode model = config.hyperparameters().get("model");
        if (model == null || !model.isObject()) {
            throw new IllegalArgumentException("config.json hyperparameters have no \"model\" object (the DeeperBrainConfig)");
        }
        return MAPPER.treeToValue(model, DeeperBrainConfig.class);
    }

    public static double inputScale(ArtifactConfig config) {
        requireFamily(config);
        JsonNode scale = config.hyperparameters().get("input_scale");
        if (scale == null || !scale.isNumber() || !(scale.doubleValue() > 0) || Double.isInfinite(scale.doubleValue())) {
            throw new IllegalArgumentException("config.json hyperparameters need a positive number \"input_scale\", got "
                    + scale);
        }
        return scale.doubleValue();
    }

    /** Builds the model, initialises it and loads the artifact's weights (strict). */
    public static DeeperBrainModel load(Artifact artifact, NDManager manager) throws IOException {
        DeeperBrainModel model = new DeeperBrainModel(modelConfig(artifact.config()));
        model.initialize(manager);
        artifact.loadWeights(model.block(), manager);
        return model;
    }

    private static void requireFamily(ArtifactConfig config) {
        if (!FAMILY.equals(config.family())) {
            throw new IllegalArgumentException("fine-tuning supports the " + FAMILY + " family; this artifact is "
                    + config.family());
        }
    }
}

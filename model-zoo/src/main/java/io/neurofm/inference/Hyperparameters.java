package io.neurofm.inference;

import io.neurofm.artifact.ArtifactConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Typed reads of an artifact's config.json hyperparameters, naming the field when one is missing. */
final class Hyperparameters {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Hyperparameters() {}

    static <T> T model(ArtifactConfig config, Class<T> type) {
        return JSON.treeToValue(required(config, "model"), type);
    }

    static JsonNode required(ArtifactConfig config, String field) {
        JsonNode node = config.hyperparameters().get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("config.json: hyperparameters." + field + " is missing; the "
                    + config.family() + " family needs it to run inference");
        }
        return node;
    }

    static int requiredInt(ArtifactConfig config, String field) {
        JsonNode node = required(config, field);
        if (!node.canConvertToInt()) {
            throw new IllegalArgumentException("config.json: hyperparameters." + field + " must be an integer, got "
                    + node);
        }
        return node.asInt();
    }

    static double requiredPositive(ArtifactConfig config, String field) {
        JsonNode node = required(config, field);
        double value = node.asDouble();
        if (!node.isNumber() || !(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("config.json: hyperparameters." + field
                    + " must be a positive number, got " + node);
        }
        return value;
    }
}

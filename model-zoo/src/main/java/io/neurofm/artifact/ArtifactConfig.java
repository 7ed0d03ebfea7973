package io.neurofm.artifact;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * config.json: what the model is, enough to rebuild its blocks before loading the weights.
 *
 * @param family          architecture family (e.g. "labram", "neurogpt")
 * @param size            size name within the family (e.g. "tiny", "base")
 * @param hyperparameters everything the family's builder needs (widths, depths, patch size, ...)
 * @param version         the neurofm version that wrote the artifact
 * @param created         when the artifact was written (UTC, whole seconds)
 */
public record ArtifactConfig(String family, String size, ObjectNode hyperparameters, String version, Instant created) {
    public ArtifactConfig {
        requireName("family", family);
        requireName("size", size);
        requireName("version", version);
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(created, "created");
        hyperparameters = hyperparameters.deepCopy();
        created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A config written now by this neurofm version. */
    public static ArtifactConfig of(String family, String size, ObjectNode hyperparameters) {
        return new ArtifactConfig(family, size, hyperparameters, NeurofmVersion.current(), Instant.now());
    }

    @Override
    public ObjectNode hyperparameters() {
        return hyperparameters.deepCopy();
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be a non-blank single line, got " + value);
        }
    }

    /** The JSON object written as config.json. */
    public ObjectNode toJson() {
        ObjectNode root = ArtifactJson.MAPPER.createObjectNode();
        root.put("format", ArtifactLayout.FORMAT);
        root.put("formatVersion", ArtifactLayout.FORMAT_VERSION);
        root.put("family", family);
        root.put("size", size);
        root.set("hyperparameters", hyperparameters.deepCopy());
        root.put("neurofmVersion", version);
        root.put("created", created.toString());
        return root;
    }

    static ArtifactConfig parse(Path artifact, byte[] bytes) throws ArtifactException {
        String file = ArtifactLayout.CONFIG;
        JsonNode root = ArtifactJson.tree(artifact, file, bytes);
        if (!ArtifactLayout.FORMAT.equals(root.path("format").asString(""))) {
            throw new ArtifactException(artifact, file, "format is " + root.get("format") + ", expected \""
                    + ArtifactLayout.FORMAT + "\"");
        }
        JsonNode formatVersion = root.get("formatVersion");
        if (formatVersion == null || !formatVersion.isInt() || formatVersion.intValue() != ArtifactLayout.FORMAT_VERSION) {
            throw new ArtifactException(artifact, file, "formatVersion is " + formatVersion + "; this neurofm ("
                    + NeurofmVersion.current() + ") reads artifact format version " + ArtifactLayout.FORMAT_VERSION);
        }
        var expected = java.util.Set.of("format", "formatVersion", "family", "size", "hyperparameters",
                "neurofmVersion", "created");
        for (String name : root.propertyNames()) {
            if (!expected.contains(name)) {
                throw new ArtifactException(artifact, file, "unexpected field \"" + name + "\"");
            }
        }
        if (!root.path("hyperparameters").isObject()) {
            throw new ArtifactException(artifact, file, "hyperparameters must be a JSON object, got "
                    + root.get("hyperparameters"));
        }
        try {
            return new ArtifactConfig(text(artifact, root, "family"), text(artifact, root, "size"),
                    (ObjectNode) root.get("hyperparameters"), text(artifact, root, "neurofmVersion"),
                    Instant.parse(text(artifact, root, "created")));
        } catch (DateTimeParseException e) {
            throw new ArtifactException(artifact, file, "created is not an ISO-8601 instant: " + root.get("created"), e);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(artifact, file, e.getMessage(), e);
        }
    }

    private static String text(Path artifact, JsonNode root, String field) throws ArtifactException {
        JsonNode node = root.get(field);
        if (node == null || !node.isString()) {
            throw new ArtifactException(artifact, ArtifactLayout.CONFIG, field + " must be a string, got " + node);
        }
        return node.asString();
    }
}

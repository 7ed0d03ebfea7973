package io.neurofm.artifact;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The strict JSON mapper for artifact files: unknown or missing fields are errors, output is indented. */
final class ArtifactJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ArtifactJson() {
    }

    static byte[] bytes(Object value) {
        return (MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode tree(Path artifact, String file, byte[] bytes) throws ArtifactException {
        try {
            JsonNode node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new ArtifactException(artifact, file, "expected a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new ArtifactException(artifact, file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T value(Path artifact, String file, byte[] bytes, Class<T> type) throws ArtifactException {
        try {
            return MAPPER.readValue(new String(bytes, StandardCharsets.UTF_8), type);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new ArtifactException(artifact, file, "not a valid " + type.getSimpleName() + ": " + message, e);
        }
    }
}

package io.neurofm.serve.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code data} of a JSON window as it arrived: nested numbers read straight into floats, a
 * base64 string, or the first thing wrong with it (reported by {@link WindowDecoder} as a 422
 * naming the element, exactly as when the samples were a JSON tree).
 *
 * <p>Why not a {@code JsonNode}: a tree allocates one node object per sample, and for small models
 * parsing the samples cost as much as the forward pass (docs/benchmarks.md, Serving).
 */
@JsonDeserialize(using = WindowSamples.Reader.class)
sealed interface WindowSamples {
    /** {@code [channels][samples]}; rows may differ in length (the window checks). */
    record Numbers(float[][] rows) implements WindowSamples {}

    record Base64Text(String text) implements WindowSamples {}

    /** @param relativeField e.g. {@code data[2][17]}; @param problem what was expected and found */
    record Invalid(String relativeField, String problem) implements WindowSamples {}

    /** Streams the tokens of {@code data} into a {@link WindowSamples}; never builds a tree. */
    final class Reader extends ValueDeserializer<WindowSamples> {
        @Override
        public WindowSamples deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return new Base64Text(p.getString());
            }
            if (token != JsonToken.START_ARRAY) {
                p.skipChildren();
                return new Invalid("data", "expected [channels][samples] numbers or a base64 string");
            }
            java.util.List<float[]> rows = new java.util.ArrayList<>();
            Invalid invalid = null;
            float[] buffer = new float[256];
            for (JsonToken row = p.nextToken(); row != JsonToken.END_ARRAY; row = p.nextToken()) {
                int c = rows.size();
                if (invalid != null) {
                    p.skipChildren();
                    continue;
                }
                if (row != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    invalid = new Invalid("data[" + c + "]", "expected an array of samples");
                    continue;
                }
                int n = 0;
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (invalid != null) {
                        p.skipChildren();
                        continue;
                    }
                    if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
                        invalid = new Invalid("data[" + c + "][" + n + "]", "expected a number, got " + kind(v));
                        p.skipChildren();
                        continue;
                    }
                    if (n == buffer.length) {
                        buffer = java.util.Arrays.copyOf(buffer, 2 * n);
                    }
                    buffer[n++] = (float) p.getDoubleValue(); // as a tree did: double, then float
                }
                rows.add(java.util.Arrays.copyOf(buffer, n));
            }
            return invalid != null ? invalid : new Numbers(rows.toArray(float[][]::new));
        }

        private static String kind(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> "string";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                case VALUE_NULL -> "null";
                case START_ARRAY -> "array";
                case START_OBJECT -> "object";
                default -> token.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}

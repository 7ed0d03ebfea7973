package io.neurofm.tokenize;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of a tokenizer state, refusing anything missing or out of range with an
 * {@link InvalidStateException} that names the field ("config.scale", "tensors.edges").
 */
final class StateFields {
    private final TokenizerState state;
    private final ObjectNode config;

    StateFields(TokenizerState state, String expectedType) {
        if (!expectedType.equals(state.type())) {
            throw new InvalidStateException("type", "\"" + expectedType + "\"", "\"" + state.type() + "\"");
        }
        this.state = state;
        this.config = state.config();
    }

    private JsonNode required(String name) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidStateException("config." + name, "a value", "missing");
        }
        return node;
    }

    boolean has(String name) {
        return config.hasNonNull(name);
    }

    double positive(String name) {
        JsonNode node = required(name);
        if (!node.isNumber() || !(node.asDouble() > 0) || !Double.isFinite(node.asDouble())) {
            throw new InvalidStateException("config." + name, "a positive number", node.toString());
        }
        return node.asDouble();
    }

    double finite(String name) {
        JsonNode node = required(name);
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new InvalidStateException("config." + name, "a finite number", node.toString());
        }
        return node.asDouble();
    }

    int integer(String name, int min, int max) {
        JsonNode node = required(name);
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw new InvalidStateException("config." + name, "an integer in " + min + ".." + max, node.toString());
        }
        return node.asInt();
    }

    boolean bool(String name) {
        JsonNode node = required(name);
        if (!node.isBoolean()) {
            throw new InvalidStateException("config." + name, "true or false", node.toString());
        }
        return node.asBoolean();
    }

    String text(String name, List<String> allowed) {
        JsonNode node = required(name);
        if (!node.isString() || (allowed != null && !allowed.contains(node.asString()))) {
            throw new InvalidStateException("config." + name, allowed == null ? "a string" : "one of " + allowed,
                    node.toString());
        }
        return node.asString();
    }

    List<String> names(String name) {
        JsonNode node = required(name);
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidStateException("config." + name, "a non-empty array of names", node.toString());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isString() || n.asString().isBlank() || out.contains(n.asString())) {
                throw new InvalidStateException("config." + name, "distinct non-blank names", node.toString());
            }
            out.add(n.asString());
        }
        return out;
    }

    /** An array of strings (repeats allowed, may be empty). */
    List<String> strings(String name) {
        JsonNode node = required(name);
        if (!node.isArray()) {
            throw new InvalidStateException("config." + name, "an array of strings", node.toString());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isString()) {
                throw new InvalidStateException("config." + name, "an array of strings", node.toString());
            }
            out.add(n.asString());
        }
        return out;
    }

    /** A number array of the given length (-1: any); {@code positive} refuses values <= 0. */
    double[] numbers(String name, int length, boolean positive) {
        JsonNode node = required(name);
        if (!node.isArray() || (length >= 0 && node.size() != length)) {
            throw new InvalidStateException("config." + name, (length >= 0 ? length : "an array of") + " numbers",
                    node.toString());
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || (positive && !(v.asDouble() > 0))) {
                throw new InvalidStateException("config." + name, (positive ? "positive " : "finite ") + "numbers",
                        node.toString());
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    /** A tensor of exactly this many values, all finite. */
    float[] tensor(String name, int length) {
        TokenizerState.Tensor t = state.tensors().get(name);
        if (t == null) {
            throw new InvalidStateException("tensors." + name, "a tensor of " + length + " values", "missing");
        }
        if (t.data().length != length) {
            throw new InvalidStateException("tensors." + name, length + " values", String.valueOf(t.data().length));
        }
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                throw new InvalidStateException("tensors." + name, "finite values", String.valueOf(v));
            }
        }
        return t.data().clone();
    }

    static ArrayNode array(ObjectNode node, String name, double[] values) {
        ArrayNode a = node.putArray(name);
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    static ArrayNode array(ObjectNode node, String name, List<String> values) {
        ArrayNode a = node.putArray(name);
        values.forEach(a::add);
        return a;
    }
}

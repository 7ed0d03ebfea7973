package io.neurofm.signal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One provenance step: what was done to the samples and with which parameters, in the order
 * applied. Parameters are strings so the list serialises to JSON unambiguously.
 */
public record Transform(String operation, Map<String, String> parameters) {
    public Transform {
        Objects.requireNonNull(operation, "operation");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Builds a step from alternating key/value arguments; values are rendered with {@link String#valueOf}. */
    public static Transform of(String operation, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters must come in key/value pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
        }
        return new Transform(operation, map);
    }
}

package io.neurofm.inference;

import java.util.List;
import java.util.Locale;

/** Checks a requested pooling name against a model's list. */
final class Poolings {
    private Poolings() {}

    static String require(String pooling, List<String> accepted) {
        String name = pooling == null ? accepted.get(0) : pooling.toLowerCase(Locale.ROOT);
        if (!accepted.contains(name)) {
            throw new InvalidInputException("pooling", "'" + pooling + "' is not a pooling of this model; expected one of "
                    + accepted);
        }
        return name;
    }
}

package io.neurofm.corpus;

import java.util.Arrays;
import java.util.Locale;

/** What the train/validation split keeps together: all windows of a subject, of a session, or of a recording. */
public enum SplitUnit {
    SUBJECT,
    SESSION,
    RECORDING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SplitUnit parse(String text) {
        for (SplitUnit u : values()) {
            if (u.label().equalsIgnoreCase(text.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("split unit must be one of "
                + Arrays.stream(values()).map(SplitUnit::label).toList() + ", got " + text);
    }
}

package io.neurofm.signal.bids;

import io.neurofm.signal.Annotation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An {@code _events.tsv} as annotations: onset (seconds from the first sample of the data
 * file, required) and duration (n/a reads as 0) must be numbers; the description is trial_type,
 * else value, else empty; an integer value also becomes the annotation's code.
 */
public record EventsTsv(Path file, List<Annotation> events) {
    public EventsTsv {
        events = List.copyOf(events);
    }

    public static EventsTsv read(Path file) throws IOException {
        TsvTable t = TsvTable.read(file);
        t.require("onset", "duration");
        List<Annotation> events = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            double onset = t.requiredNumber(r, "onset");
            Double duration = t.number(r, "duration");
            if (duration != null && duration < 0) {
                throw t.cellError(r, "duration", "a duration >= 0 seconds or n/a", duration.toString());
            }
            String trialType = t.text(r, "trial_type");
            String value = t.text(r, "value");
            String description = trialType != null ? trialType : value != null ? value : "";
            events.add(new Annotation(onset, duration == null ? 0 : duration, description, code(value)));
        }
        return new EventsTsv(file, events);
    }

    private static OptionalInt code(String value) {
        if (value == null || !value.matches("[+-]?\\d{1,9}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(value));
    }
}

package io.neurofm.signal.io.gdf;

import io.neurofm.signal.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The event table after the data records.
 *
 * @param mode        1 (position, type), 3 (position, type, channel, duration), or 0 when the file has none
 * @param statedRate  the sampling rate of event positions as the table states it (0 = not set)
 * @param rate        the rate used for onsets: the stated rate, or the data rate when the table states 0
 * @param events      entries in file order
 */
public record GdfEventTable(int mode, double statedRate, double rate, List<GdfEvent> events) {
    public GdfEventTable {
        events = List.copyOf(events);
    }

    static GdfEventTable none(double dataRate) {
        return new GdfEventTable(0, 0, dataRate, List.of());
    }

    /**
     * The events as annotations with description "0x0301" etc., sorted by onset then duration,
     * ties kept in file order (the order MNE's Annotations gives). Durations are as stated:
     * mode 1 events and mode 3 events of duration 0 are instantaneous.
     */
    public List<Annotation> annotations() {
        List<Annotation> out = new ArrayList<>(events.size());
        for (GdfEvent e : events) {
            out.add(Annotation.ofCode(e.onsetSeconds(rate), e.durationSeconds(rate), e.type()));
        }
        out.sort(Comparator.comparingDouble(Annotation::onsetSeconds)
                .thenComparingDouble(Annotation::durationSeconds));
        return out;
    }
}

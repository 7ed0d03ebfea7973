package io.neurofm.signal.io.gdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The GDF 2.20 file tools/golden/make_gdf_golden.py writes, against MNE 1.3's reading of it: a
 * second implementation confirming the GDF 2 layout (dimension codes uV/mV/V, float64 ranges,
 * uint24 event count + float32 event rate, mode-3 event table).
 */
class GdfSynthetic220MneTest {
    static Path synthetic() {
        try {
            return Path.of(GdfSynthetic220MneTest.class.getResource("synthetic_gdf220.gdf").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void matchesMne() throws IOException {
        JsonNode golden = Golden.load("gdf220_synthetic");
        try (GdfFile file = new GdfReader().open(synthetic(), OpenOptions.DEFAULT)) {
            RecordingHeader h = file.header();
            assertEquals("GDF 2.20", h.format());
            for (int c = 0; c < h.channelCount(); c++) {
                Channel ch = h.channels().get(c);
                assertEquals(golden.get("ch_names").get(c).asString(), ch.name());
                assertEquals(golden.get("ch_types").get(c).asString(), ch.type().name().toLowerCase());
                assertEquals(golden.get("units").get(c).asString(), ch.unit());
                assertEquals(golden.get("sfreq").asDouble(), ch.samplingRate());
                assertEquals(golden.get("n_times").asLong(), h.sampleCounts().get(c));
                assertEquals(golden.get("mne_unit_scale").get(c).asDouble(),
                        file.gdfHeader().channels().get(c).unit().scale(), "scale of the dimension code to V");
            }
            // MNE computes the date in float days and lands microseconds off; ours is exact.
            Duration off = Duration.between(OffsetDateTime.parse(golden.get("meas_date").asString()).toInstant(),
                    h.startTime());
            assertTrue(off.abs().toMillis() < 1, "start time off by " + off);
            assertEquals("synthetic GDF 2.20 test recording", h.properties().get("recording id"));

            Recording r = file.readAll();
            Golden.assertMatches(golden.get("data"), r.samples(), 1e-6);

            JsonNode table = golden.get("event_table");
            List<GdfEvent> events = file.gdfHeader().eventTable().events();
            assertEquals(table.get("count").asInt(), events.size());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(table.get("pos0").get(i).asLong() + 1, events.get(i).position());
                assertEquals(table.get("type").get(i).asInt(), events.get(i).type());
                assertEquals(table.get("chn").get(i).asInt(), events.get(i).channel());
                assertEquals(table.get("dur").get(i).asLong(), Math.max(1, events.get(i).duration()));
            }
            assertEquals(250.0, file.gdfHeader().eventTable().statedRate());

            JsonNode ann = golden.get("annotations");
            List<Annotation> ours = r.annotations();
            assertEquals(ann.get("onset").size(), ours.size());
            for (int i = 0; i < ours.size(); i++) {
                assertEquals(ann.get("onset").get(i).asDouble(), ours.get(i).onsetSeconds(), 0.5e-6 + 1e-12);
                assertEquals(Integer.parseInt(ann.get("description").get(i).asString()),
                        ours.get(i).code().getAsInt());
                assertEquals(ann.get("duration").get(i).asDouble(),
                        Math.max(ours.get(i).durationSeconds(), 1 / 250.0), 1e-12);
            }
        }
    }
}

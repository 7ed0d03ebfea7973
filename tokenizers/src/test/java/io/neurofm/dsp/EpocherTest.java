package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Recording;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Epoching against mne.Epochs (events from annotations, half-even rounding, edge drops) on real EEG. */
class EpocherTest {
    private static final JsonNode GOLD = DspGolden.ROOT.get("epochs");

    private static Recording annotated() {
        Recording r = DspGolden.recording("eegmmidb");
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < GOLD.get("onsets").size(); i++) {
            annotations.add(Annotation.of(GOLD.get("onsets").get(i).asDouble(), 0,
                    GOLD.get("descriptions").get(i).asString()));
        }
        return r.derive(r.channels(), r.samples(), r.samplingRate(), annotations,
                io.neurofm.signal.Transform.of("annotate", "source", "golden epochs case"));
    }

    @Test
    void matchesMneEpochs() throws Exception {
        List<String> match = new ArrayList<>();
        GOLD.get("match").forEach(m -> match.add(m.asString()));
        Epochs epochs = Epocher.byAnnotations(annotated(), match, GOLD.get("tmin").asDouble(),
                GOLD.get("tmax").asDouble());
        JsonNode kept = GOLD.get("kept_samples");
        assertEquals(kept.size(), epochs.epochCount());
        for (int e = 0; e < kept.size(); e++) {
            assertEquals(kept.get(e).asLong(), epochs.onsetSamples()[e], "event sample of epoch " + e);
            assertEquals(GOLD.get("kept_labels").get(e).asString(), epochs.labels().get(e));
        }
        assertEquals(GOLD.get("event_samples").size() - kept.size(), epochs.rejected().size(), "dropped epochs");
        for (Epochs.Rejected rej : epochs.rejected()) {
            assertTrue(rej.reason().contains("outside the data"), rej.reason());
        }
        double[][][] expected = new double[kept.size()][][];
        for (int e = 0; e < kept.size(); e++) {
            expected[e] = DspGolden.matrix(GOLD.get("data").get(e));
        }
        assertEquals(expected[0][0].length, epochs.epochLength());
        for (int e = 0; e < expected.length; e++) {
            for (int c = 0; c < expected[e].length; c++) {
                for (int t = 0; t < expected[e][c].length; t++) {
                    assertEquals(expected[e][c][t], epochs.data()[e][c][t], 0.0, "epoch " + e + " ch " + c + " t " + t);
                }
            }
        }
        assertEquals(GOLD.get("tmin").asDouble(), epochs.times()[0], 1e-12);
        assertEquals(GOLD.get("tmax").asDouble(), epochs.times()[epochs.epochLength() - 1], 1e-12);
    }

    @Test
    void matchesByNumericCode() throws Exception {
        Recording r = DspGolden.recording("eegmmidb");
        Recording coded = r.derive(r.channels(), r.samples(), r.samplingRate(),
                List.of(Annotation.ofCode(2.0, 0, 769), Annotation.ofCode(3.0, 0, 770)),
                io.neurofm.signal.Transform.of("annotate", "codes", "769,770"));
        Epochs e = Epocher.byAnnotations(coded, List.of("769"), 0, 0.5);
        assertEquals(1, e.epochCount());
        assertEquals(320, e.onsetSamples()[0]);
        assertEquals(81, e.epochLength());
    }

    @Test
    void fixedLengthWindowsWithOverlap() throws Exception {
        Recording r = DspGolden.recording("eegmmidb");
        Epochs e = Epocher.fixedLengthSeconds(r, 2.0, 1.5);
        // 1600 samples, 320-sample windows every 240: starts 0, 240, ..., 1200 -> 6 windows, 1440 is partial
        assertEquals(6, e.epochCount());
        assertEquals(320, e.epochLength());
        assertEquals(1200, e.onsetSamples()[5]);
        assertEquals(1, e.rejected().size());
        for (int w = 0; w < e.epochCount(); w++) {
            for (int c = 0; c < r.channelCount(); c++) {
                for (int t = 0; t < 320; t += 31) {
                    assertEquals(r.sample(c, (int) e.onsetSamples()[w] + t), e.data()[w][c][t]);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Epocher.fixedLength(r, 0, 10));
        assertEquals(0, Epocher.fixedLength(r, 5000, 10).epochCount());
    }
}

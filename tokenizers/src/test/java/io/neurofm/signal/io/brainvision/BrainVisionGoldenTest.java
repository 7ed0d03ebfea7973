package io.neurofm.signal.io.brainvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.TestData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Our reading of BrainVision files against mne.io.read_raw_brainvision (tools/golden/make_brainvision_golden.py). */
class BrainVisionGoldenTest {
    private static final Map<String, ChannelType> MNE_TYPES = Map.of(
            "eeg", ChannelType.EEG, "eog", ChannelType.EOG, "misc", ChannelType.MISC, "stim", ChannelType.STIM);
    /** FIFF unit code for volts (FIFF_UNIT_V). */
    private static final int FIFF_UNIT_V = 107;

    static Path resource(String name) {
        try {
            return Path.of(BrainVisionGoldenTest.class.getResource("/brainvision/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Recording readAll(Path vhdr) throws IOException {
        try (SignalFile f = new BrainVisionReader().open(vhdr, OpenOptions.DEFAULT)) {
            return f.readAll();
        }
    }

    @Test
    void multiplexedInt16TestFileMatchesMne() throws IOException {
        Path vhdr = TestData.file("eeg/test.vhdr");
        Recording r = readAll(vhdr);
        JsonNode g = Golden.load("brainvision_test");
        assertMatchesGolden(g, r);
        assertEquals(OffsetDateTime.parse(g.get("meas_date").asString()).toInstant(), r.startTime());
        assertEquals("read", r.provenance().get(0).operation());
        assertEquals("test.vhdr", r.provenance().get(0).parameters().get("file"));
        assertEquals("BrainVision", r.provenance().get(0).parameters().get("format"));
        System.out.printf("BrainVision test.vhdr: max relative error vs MNE %.3g%n", maxRelativeError(g, r));
    }

    @Test
    void vectorizedFloat32FileWithCoordinatesMatchesMne() throws IOException {
        Recording r = readAll(resource("synthetic.vhdr"));
        JsonNode g = Golden.load("brainvision_synthetic");
        assertMatchesGolden(g, r);
        assertTrue(g.get("meas_date").isNull());
        assertNull(r.startTime(), "an all-zero New Segment date means no start time");
        JsonNode positions = g.get("positions");
        for (int c = 0; c < r.channelCount(); c++) {
            JsonNode p = positions.get(c);
            Channel ch = r.channel(c);
            if (p.isNull()) {
                assertNull(ch.position(), ch.name() + " has no position in MNE");
            } else {
                assertEquals(p.get(0).asDouble(), ch.position().x(), 1e-12, ch.name() + " x");
                assertEquals(p.get(1).asDouble(), ch.position().y(), 1e-12, ch.name() + " y");
                assertEquals(p.get(2).asDouble(), ch.position().z(), 1e-12, ch.name() + " z");
            }
        }
        System.out.printf("BrainVision synthetic.vhdr: max relative error vs MNE %.3g%n", maxRelativeError(g, r));
    }

    /**
     * The shared FIF is the same recording saved by an older MNE, which scaled every channel as
     * µV. MNE 1.3 (and we) scale the channels whose unit is not a voltage or µS (CP5 "BS", HL
     * "ARU", Vb "S", ReRef "C") by 1, so those four are 1e6 times the FIF's values; every other
     * channel agrees to the FIF's float32 calibration.
     */
    @Test
    void agreesWithTheSameRecordingSavedAsFif() throws IOException {
        Recording r = readAll(TestData.file("eeg/test.vhdr"));
        JsonNode fif = Golden.load("brainvision_test").get("fif");
        assertEquals(r.samplingRate(), fif.get("sfreq").asDouble());
        assertEquals(r.sampleCount(), fif.get("n_times").asInt());
        float[][] samples = r.samples();
        for (String name : new String[] {"CP5", "HL", "Vb", "ReRef"}) {
            int c = r.indexOf(name);
            assertEquals(1.0, Units.factor(r.channel(c).unit()), name);
            for (int t = 0; t < samples[c].length; t++) {
                samples[c][t] *= 1e-6f;
            }
        }
        Golden.assertMatches(firstRows(fif.get("data"), 32), samples, 1e-6);
        // the FIF's synthetic trigger channel marks the Stimulus and Event markers (position - 1)
        JsonNode onsets = fif.get("stim_onsets");
        int k = 0;
        for (Annotation a : r.annotations()) {
            if (a.description().startsWith("Stimulus/") || a.description().startsWith("Event/")) {
                assertEquals(onsets.get(k).asLong(), a.onsetSample(r.samplingRate()), a.toString());
                assertEquals(fif.get("stim_values").get(k).asDouble(), a.code().getAsInt(), a.toString());
                k++;
            }
        }
        assertEquals(onsets.size(), k, "trigger onsets");
    }

    /** Units other than volts, as derived by hand from test.vhdr's [Channel Infos] and MNE's unit table. */
    @Test
    void nonVoltageUnitsAreScaledToTheirBaseUnit() throws IOException {
        Recording r = readAll(TestData.file("eeg/test.vhdr"));
        Map<String, String> expected = Map.of("CP5", "BS", "CP6", "S", "HL", "ARU", "HR", "S", "Vb", "S", "ReRef", "C");
        expected.forEach((name, unit) -> assertEquals(unit, r.channel(r.indexOf(name)).unit(), name));
        assertEquals("V", r.channel(r.indexOf("FP2")).unit(), "empty unit field means µV");
        assertEquals("V", r.channel(r.indexOf("F3")).unit(), "missing unit field means µV");
    }

    static void assertMatchesGolden(JsonNode g, Recording r) {
        assertEquals(g.get("sfreq").asDouble(), r.samplingRate());
        assertEquals(g.get("n_times").asInt(), r.sampleCount());
        JsonNode names = g.get("ch_names");
        assertEquals(names.size(), r.channelCount());
        for (int c = 0; c < r.channelCount(); c++) {
            Channel ch = r.channel(c);
            assertEquals(names.get(c).asString(), ch.name());
            assertEquals(MNE_TYPES.get(g.get("ch_types").get(c).asString()), ch.type(), ch.name());
            if (g.get("fiff_units").get(c).asInt() == FIFF_UNIT_V) {
                assertEquals("V", ch.unit(), ch.name());
            }
        }
        JsonNode ann = g.get("annotations");
        assertEquals(ann.get("onset").size(), r.annotations().size(), "annotation count");
        for (int i = 0; i < r.annotations().size(); i++) {
            Annotation a = r.annotations().get(i);
            assertEquals(ann.get("description").get(i).asString(), a.description());
            assertEquals(ann.get("onset").get(i).asDouble(), a.onsetSeconds(), 1e-12, a.description());
            assertEquals(ann.get("duration").get(i).asDouble(), a.durationSeconds(), 1e-12, a.description());
            // MNE numbers the descriptions it has no BrainVision code for from 10001 upwards
            JsonNode code = g.get("event_id").get(a.description());
            if (code.asInt() < 10001 || code.asInt() >= 99998) {
                assertEquals(code.asInt(), a.code().getAsInt(), a.description());
            } else {
                assertTrue(a.code().isEmpty(), a.description() + " has no BrainVision code");
            }
        }
        Golden.assertMatches(g.get("data"), r.samples(), 1e-6);
    }

    private static double maxRelativeError(JsonNode g, Recording r) {
        JsonNode head = g.get("data").get("head");
        double worst = 0;
        for (int c = 0; c < r.channelCount(); c++) {
            for (int t = 0; t < head.get(c).size(); t++) {
                double e = head.get(c).get(t).asDouble();
                if (e != 0) {
                    worst = Math.max(worst, Math.abs(r.sample(c, t) - e) / Math.abs(e));
                }
            }
        }
        return worst;
    }

    /** A data summary restricted to its first {@code rows} channels. */
    private static JsonNode firstRows(JsonNode summary, int rows) {
        ObjectNode out = (ObjectNode) summary.deepCopy();
        ArrayNode shape = out.putArray("shape");
        shape.add(rows).add(summary.get("shape").get(1).asLong());
        ArrayNode head = out.putArray("head");
        ArrayNode sums = out.putArray("channel_sum");
        ArrayNode sumsq = out.putArray("channel_sumsq");
        for (int c = 0; c < rows; c++) {
            head.add(summary.get("head").get(c));
            sums.add(summary.get("channel_sum").get(c));
            sumsq.add(summary.get("channel_sumsq").get(c));
        }
        ArrayNode spotC = out.putArray("spot_channel");
        ArrayNode spotT = out.putArray("spot_sample");
        ArrayNode spotV = out.putArray("spot_value");
        for (int i = 0; i < summary.get("spot_channel").size(); i++) {
            if (summary.get("spot_channel").get(i).asInt() < rows) {
                spotC.add(summary.get("spot_channel").get(i));
                spotT.add(summary.get("spot_sample").get(i));
                spotV.add(summary.get("spot_value").get(i));
            }
        }
        return out;
    }
}

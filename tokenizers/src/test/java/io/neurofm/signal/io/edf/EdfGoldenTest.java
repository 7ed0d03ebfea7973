package io.neurofm.signal.io.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.TestData;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every EDF/BDF file of the shared data read as MNE 1.3 reads it (tools/golden/make_edf_golden.py). */
class EdfGoldenTest {

    /** Golden name, reader, and the format the file's version/reserved fields state (see data README). */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("edf_eegmmidb_S001R01", new EdfReader(), "EDF+C"),
                Arguments.of("edf_capslpdb_brux2_100s", new EdfReader(), "EDF"),
                Arguments.of("edf_test_edf_stim_channel", new EdfReader(), "EDF"),
                Arguments.of("edf_test_edf_stim_channel_dtrig", new EdfReader(List.of("DIG DTRIG")), "EDF"),
                Arguments.of("edf_test_uneven_samp", new EdfReader(), "EDF"),
                Arguments.of("edf_test_bdf_stim_channel", new EdfReader(), "BDF"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void headerMatchesMne(String name, EdfReader reader, String format) throws Exception {
        JsonNode g = Golden.load(name);
        try (EdfFile file = reader.open(TestData.file(g.get("file").asString()))) {
            RecordingHeader h = file.header();
            assertEquals(format, h.format());
            assertEquals(strings(g.get("ch_names")), h.channels().stream().map(Channel::name).toList());
            for (int i = 0; i < h.channelCount(); i++) {
                Channel c = h.channels().get(i);
                String mneType = g.get("ch_types").get(i).asString();
                assertEquals(mneType.equals("stim") ? ChannelType.STIM : ChannelType.EEG, c.type(), c.name());
                assertEquals(expectedUnit(g, i), c.unit(), c.name());
                assertEquals(g.get("native_rates").get(i).asDouble(), c.samplingRate(), 0.0, c.name());
                assertEquals(g.get("n_records").asLong() * Math.round(c.samplingRate()
                        * g.get("record_length").asDouble()), h.sampleCounts().get(i), c.name());
            }
            JsonNode date = g.get("meas_date");
            if (date.isNull()) {
                assertNull(h.startTime());
            } else {
                assertEquals(OffsetDateTime.parse(date.asString()).toInstant(), h.startTime());
            }
            assertAnnotations(g.get("annotations"), h.annotations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void samplesMatchMne(String name, EdfReader reader, String format) throws Exception {
        JsonNode g = Golden.load(name);
        try (EdfFile file = reader.open(TestData.file(g.get("file").asString()))) {
            List<String> top = strings(g.get("data_channels"));
            Recording r = file.read(ReadRequest.all().withChannels(top));
            assertEquals(g.get("sfreq").asDouble(), r.samplingRate(), 0.0);
            assertEquals(g.get("n_times").asInt(), r.sampleCount());
            Golden.assertMatches(g.get("data"), r.samples(), 1e-6);
            assertAnnotations(g.get("annotations"), r.annotations());
            assertEquals(file.header().startTime(), r.startTime());
            if (top.size() == file.header().channelCount()) {
                Golden.assertMatches(g.get("data"), file.readAll().samples(), 1e-6);
            }
        }
    }

    /** MNE resamples lower-rate channels; ours stay native and match an independent decoding of the bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void lowerRateChannelsMatchRawDecoding(String name, EdfReader reader, String format) throws Exception {
        JsonNode g = Golden.load(name);
        JsonNode groups = g.get("native_groups");
        if (groups == null) {
            return;
        }
        try (EdfFile file = reader.open(TestData.file(g.get("file").asString()))) {
            for (JsonNode group : groups) {
                Recording r = file.read(ReadRequest.all().withChannels(strings(group.get("channels"))));
                assertEquals(group.get("rate").asDouble(), r.samplingRate(), 0.0);
                Golden.assertMatches(group.get("data"), r.samples(), 1e-6);
            }
        }
    }

    /** MNE reports volts for scaled voltages, no unit for STIM; other dimensions stay as the file says. */
    private static String expectedUnit(JsonNode g, int i) {
        String mneUnit = g.get("units").get(i).asString();
        String orig = g.get("orig_units").get(i).asString();
        if (mneUnit.equals("NA")) {
            return "";
        }
        boolean scaled = g.get("unit_scale").get(i).asDouble() != 1.0 || orig.equals("V");
        return scaled ? "V" : orig;
    }

    static void assertAnnotations(JsonNode expected, List<Annotation> actual) {
        JsonNode onset = expected.get("onset");
        assertEquals(onset.size(), actual.size(), "annotation count");
        for (int i = 0; i < actual.size(); i++) {
            Annotation a = actual.get(i);
            assertEquals(onset.get(i).asDouble(), a.onsetSeconds(), 1e-12, "onset " + i);
            assertEquals(expected.get("duration").get(i).asDouble(), a.durationSeconds(), 1e-12, "duration " + i);
            assertEquals(expected.get("description").get(i).asString(), a.description(), "description " + i);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}

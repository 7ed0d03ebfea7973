package io.neurofm.signal.io.fif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.Transform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every FIF file against what mne.io.read_raw_fif(preload=True) says about it
 * (tools/golden/make_fif_golden.py): names, types, units, rates, first sample, measurement
 * date, positions, bad channels, annotations and samples.
 */
class FifReaderGoldenTest {
    /** MNE channel type -> ours; MNE types without a counterpart are MISC. */
    private static final Map<String, ChannelType> TYPES = Map.of(
            "mag", ChannelType.MEG_MAG, "grad", ChannelType.MEG_GRAD, "eeg", ChannelType.EEG,
            "eog", ChannelType.EOG, "ecg", ChannelType.ECG, "emg", ChannelType.EMG, "stim", ChannelType.STIM);

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("fif_bti_exported4d", FifTestFiles.shared(FifTestFiles.MEG)),
                Arguments.of("fif_brainvision_converted", FifTestFiles.shared(FifTestFiles.EEG)),
                Arguments.of("fif_fixture_int", FifTestFiles.fixture("fixture_int_raw.fif")),
                Arguments.of("fif_fixture_double_nodate", FifTestFiles.fixture("fixture_double_nodate_raw.fif")),
                Arguments.of("fif_fixture_single_gz", FifTestFiles.fixture("fixture_single_raw.fif.gz")),
                Arguments.of("fif_fixture_skip", FifTestFiles.fixture("fixture_skip_raw.fif")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void headerMatchesMne(String golden, Path file) throws Exception {
        JsonNode g = Golden.load(golden);
        try (SignalFile f = new FifReader().open(file, OpenOptions.DEFAULT)) {
            RecordingHeader h = f.header();
            assertEquals("FIF", h.format());
            List<Channel> channels = h.channels();
            assertEquals(g.get("names").size(), channels.size());
            for (int c = 0; c < channels.size(); c++) {
                Channel ch = channels.get(c);
                String what = "channel " + c;
                assertEquals(g.get("names").get(c).asString(), ch.name(), what);
                ChannelType expected = TYPES.getOrDefault(g.get("mne_types").get(c).asString(), ChannelType.MISC);
                assertEquals(expected, ch.type(), what);
                assertEquals(g.get("units").get(c).asString(), ch.unit(), what);
                assertEquals(g.get("sfreq").asDouble(), ch.samplingRate(), what);
                assertEquals(g.get("n_times").asLong(), h.sampleCounts().get(c), what);
                JsonNode loc = g.get("loc3").get(c);
                if (loc.get(0).asDouble() == 0 && loc.get(1).asDouble() == 0 && loc.get(2).asDouble() == 0) {
                    assertNull(ch.position(), what);
                } else {
                    assertNotNull(ch.position(), what);
                    assertEquals(loc.get(0).asDouble(), ch.position().x(), what);
                    assertEquals(loc.get(1).asDouble(), ch.position().y(), what);
                    assertEquals(loc.get(2).asDouble(), ch.position().z(), what);
                }
            }
            assertEquals(String.valueOf(g.get("first_samp").asLong()), h.properties().get("firstSample"));
            assertStartTime(g, h.startTime());
            List<String> bads = new ArrayList<>();
            g.get("bads").forEach(n -> bads.add(n.asString()));
            assertEquals(bads.isEmpty() ? null : String.join(",", bads), h.properties().get("bads"));
            assertEquals(g.get("lowpass").asDouble(), Double.parseDouble(h.properties().getOrDefault("lowpass",
                    String.valueOf(g.get("sfreq").asDouble() / 2))), "lowpass (MNE: sfreq/2 when absent)");
            assertEquals(g.get("highpass").asDouble(), Double.parseDouble(h.properties().getOrDefault("highpass",
                    "0")), "highpass (MNE: 0 when absent)");
            assertAnnotations(g.get("annotations"), h.annotations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void samplesMatchMne(String golden, Path file) throws Exception {
        JsonNode g = Golden.load(golden);
        try (SignalFile f = new FifReader().open(file, OpenOptions.DEFAULT)) {
            Recording r = f.readAll();
            Golden.assertMatches(g.get("data"), r.samples(), 1e-6);
            assertEquals(g.get("sfreq").asDouble(), r.samplingRate());
            assertAnnotations(g.get("annotations"), r.annotations());
            assertStartTime(g, r.startTime());
            assertEquals(0.0, r.startSeconds());
            Transform read = r.provenance().get(0);
            assertEquals("read", read.operation());
            assertEquals(file.getFileName().toString(), read.parameters().get("file"));
            assertEquals("FIF", read.parameters().get("format"));
            assertNull(read.parameters().get("window"), "a full read names no window");
            System.out.printf("%s: max relative error vs MNE %.3g%n", golden, maxRelativeError(g.get("data"),
                    r.samples()));
        }
    }

    /** The worst |ours - MNE| over the head and spot values, relative to each channel's peak (as Golden scales). */
    static double maxRelativeError(JsonNode summary, float[][] samples) {
        double worst = 0;
        JsonNode head = summary.get("head");
        double[] scale = new double[samples.length];
        for (int c = 0; c < samples.length; c++) {
            JsonNode row = head.get(c);
            for (int t = 0; t < row.size(); t++) {
                scale[c] = Math.max(scale[c], Math.abs(row.get(t).asDouble()));
            }
            scale[c] = Math.max(scale[c], Double.MIN_NORMAL);
            for (int t = 0; t < row.size(); t++) {
                worst = Math.max(worst, Math.abs(samples[c][t] - row.get(t).asDouble()) / scale[c]);
            }
        }
        for (int i = 0; i < summary.get("spot_channel").size(); i++) {
            int c = summary.get("spot_channel").get(i).asInt();
            int t = summary.get("spot_sample").get(i).asInt();
            worst = Math.max(worst, Math.abs(samples[c][t] - summary.get("spot_value").get(i).asDouble()) / scale[c]);
        }
        return worst;
    }

    private static void assertStartTime(JsonNode g, Instant startTime) {
        if (g.get("meas_date").isNull()) {
            assertNull(startTime);
            return;
        }
        assertNotNull(startTime);
        double firstTime = g.get("first_samp").asLong() / g.get("sfreq").asDouble();
        long expectedMicros = g.get("meas_date_epoch_us").asLong() + Math.round(firstTime * 1e6);
        long actualMicros = startTime.getEpochSecond() * 1_000_000 + startTime.getNano() / 1000;
        assertTrue(Math.abs(expectedMicros - actualMicros) <= 1,
                "start time " + startTime + " vs MNE meas_date + first_samp / sfreq");
    }

    /**
     * Same annotations as MNE, compared in (onset, description, duration) order because MNE's
     * sort of equal onsets is not stable. Onsets within 1 microsecond: MNE rounds onsets to
     * microseconds when it crops annotations to the data.
     */
    static void assertAnnotations(JsonNode expected, List<Annotation> actual) {
        List<Annotation> want = new ArrayList<>();
        for (int i = 0; i < expected.get("onset").size(); i++) {
            want.add(Annotation.of(expected.get("onset").get(i).asDouble(), expected.get("duration").get(i).asDouble(),
                    expected.get("description").get(i).asString()));
        }
        Comparator<Annotation> order = Comparator.comparingDouble((Annotation a) -> Math.round(a.onsetSeconds() * 1e5))
                .thenComparing(Annotation::description).thenComparingDouble(Annotation::durationSeconds);
        want.sort(order);
        List<Annotation> got = new ArrayList<>(actual);
        got.sort(order);
        assertEquals(want.size(), got.size(), "annotation count: " + got);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).description(), got.get(i).description(), "annotation " + i);
            assertEquals(want.get(i).onsetSeconds(), got.get(i).onsetSeconds(), 1e-6, "onset of annotation " + i);
            assertEquals(want.get(i).durationSeconds(), got.get(i).durationSeconds(), 1e-6,
                    "duration of annotation " + i);
        }
    }
}

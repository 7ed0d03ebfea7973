package io.neurofm.signal.io.gdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The shared real GDF 1.25 file (Graz motor imagery) against MNE 1.3's reading of it. */
class GdfGrazTest {
    private static final int TRIAL_START = 0x0300;
    private static final int LEFT_CUE = 0x0301;
    private static final int RIGHT_CUE = 0x0302;
    /** MNE Annotations keep onsets to the microsecond (they pass through datetime.timedelta). */
    private static final double MNE_ONSET_RESOLUTION = 0.5e-6 + 1e-12;

    private static JsonNode golden;
    private static GdfFile file;
    private static Recording all;

    @BeforeAll
    static void open() throws IOException {
        golden = Golden.load("gdf_graz");
        file = new GdfReader().open(TestData.file("eeg/graz_mi_left_right.gdf"), OpenOptions.DEFAULT);
        all = file.readAll();
    }

    @AfterAll
    static void close() throws IOException {
        file.close();
    }

    @Test
    void headerMatchesMne() {
        RecordingHeader h = file.header();
        assertEquals("GDF 1.25", h.format());
        assertEquals(strings(golden.get("ch_names")), h.channels().stream().map(Channel::name).toList());
        for (int c = 0; c < h.channelCount(); c++) {
            Channel ch = h.channels().get(c);
            assertEquals(golden.get("ch_types").get(c).asString(), ch.type().name().toLowerCase());
            assertEquals(golden.get("units").get(c).asString(), ch.unit());
            assertEquals(golden.get("sfreq").asDouble(), ch.samplingRate());
            assertEquals(golden.get("n_times").asLong(), h.sampleCounts().get(c));
        }
        assertEquals(OffsetDateTime.parse(golden.get("meas_date").asString()).toInstant(), h.startTime());
        assertEquals(RecordingIds.NONE, h.ids(), "the patient field is blanked (\"X\")");
        assertEquals("1.25", h.properties().get("version"));
        assertEquals("3", h.properties().get("event table mode"));
    }

    /**
     * MNE 1.3 scales a GDF 1 channel to volts only when its dimension starts with ASCII "uV"; this
     * file says "µV" (latin-1 0xB5), so MNE's values are microvolts labelled V (its unit factor is
     * 1). We scale µV to V, so our samples times 1e6 must equal MNE's.
     */
    @Test
    void samplesMatchMneInMicrovolts() {
        for (int c = 0; c < all.channelCount(); c++) {
            assertEquals(1.0, golden.get("mne_unit_scale").get(c).asDouble());
            GdfChannelHeader ch = file.gdfHeader().channels().get(c);
            assertEquals("\u00B5V", ch.physicalDimension());
            assertEquals(1e-6, ch.unit().scale());
            assertEquals(GdfDataType.INT16, ch.dataType());
        }
        float[][] microvolts = all.samples();
        for (float[] row : microvolts) {
            for (int t = 0; t < row.length; t++) {
                row[t] = (float) (row[t] * 1e6);
            }
        }
        Golden.assertMatches(golden.get("data"), microvolts, 1e-6);
    }

    @Test
    void eventTableInFileOrderMatchesMne() {
        JsonNode table = golden.get("event_table");
        List<GdfEvent> events = file.gdfHeader().eventTable().events();
        assertEquals(table.get("count").asInt(), events.size());
        for (int i = 0; i < events.size(); i++) {
            GdfEvent e = events.get(i);
            assertEquals(table.get("pos0").get(i).asLong() + 1, e.position(), "1-based position of event " + i);
            assertEquals(table.get("type").get(i).asInt(), e.type());
            assertEquals(table.get("chn").get(i).asInt(), e.channel());
            assertEquals(Math.max(1, e.duration()), table.get("dur").get(i).asLong(), "MNE clips durations to >= 1");
        }
        assertEquals(0.0, file.gdfHeader().eventTable().statedRate(), "this file leaves the event rate unset");
        assertEquals(256.0, file.gdfHeader().eventTable().rate(), "so the data rate is used");
    }

    /**
     * Same annotations as MNE, in the same order: onsets (pos - 1) / 256 (MNE rounds them to the
     * microsecond), code = MNE's decimal description. MNE turns duration 0 into one sample; we keep
     * 0 (an instantaneous event), so MNE's duration is max(ours, 1 / sfreq).
     */
    @Test
    void annotationsMatchMne() {
        JsonNode ann = golden.get("annotations");
        List<Annotation> ours = all.annotations();
        assertEquals(ann.get("onset").size(), ours.size());
        double sfreq = golden.get("sfreq").asDouble();
        for (int i = 0; i < ours.size(); i++) {
            Annotation a = ours.get(i);
            assertEquals(ann.get("onset").get(i).asDouble(), a.onsetSeconds(), MNE_ONSET_RESOLUTION, "onset " + i);
            assertEquals(Integer.parseInt(ann.get("description").get(i).asString()), a.code().getAsInt());
            assertEquals(String.format("0x%04X", a.code().getAsInt()), a.description());
            assertEquals(ann.get("duration").get(i).asDouble(), Math.max(a.durationSeconds(), 1 / sfreq), 1e-12);
        }
        assertEquals(file.header().annotations(), ours);
    }

    /** The file's unsorted table comes back sorted by onset, then duration; ties keep file order. */
    @Test
    void annotationsAreSortedStably() {
        List<Annotation> ours = all.annotations();
        List<GdfEvent> fileOrder = file.gdfHeader().eventTable().events();
        boolean fileSorted = true;
        for (int i = 1; i < fileOrder.size(); i++) {
            fileSorted &= fileOrder.get(i).position() >= fileOrder.get(i - 1).position();
        }
        assertTrue(!fileSorted, "the shared file's event table is unsorted");
        for (int i = 1; i < ours.size(); i++) {
            Annotation prev = ours.get(i - 1);
            Annotation cur = ours.get(i);
            assertTrue(prev.onsetSeconds() < cur.onsetSeconds() || prev.onsetSeconds() == cur.onsetSeconds()
                    && prev.durationSeconds() <= cur.durationSeconds(), "order at " + i);
            if (prev.onsetSeconds() == cur.onsetSeconds() && prev.durationSeconds() == cur.durationSeconds()) {
                assertTrue(indexInFile(fileOrder, prev) < indexInFile(fileOrder, cur), "tie keeps file order at " + i);
            }
        }
    }

    /** 20 left and 20 right cues, each 3 s (768 samples) after its trial start, at MNE's sample. */
    @Test
    void cuesFollowTrialStartsByThreeSeconds() {
        double rate = file.header().channels().get(0).samplingRate();
        List<Annotation> ours = all.annotations();
        List<Long> mneSamples = golden.get("event_table").get("pos0").valueStream().map(JsonNode::asLong).toList();
        int left = 0;
        int right = 0;
        long lastTrialStart = -1;
        for (Annotation a : ours) {
            int code = a.code().getAsInt();
            long sample = a.onsetSample(rate);
            if (code == TRIAL_START) {
                lastTrialStart = sample;
            } else if (code == LEFT_CUE || code == RIGHT_CUE) {
                if (code == LEFT_CUE) {
                    left++;
                } else {
                    right++;
                }
                assertEquals(768, sample - lastTrialStart, "cue at sample " + sample);
                assertTrue(mneSamples.contains(sample), "MNE has an event at sample " + sample);
            }
        }
        assertEquals(20, left);
        assertEquals(20, right);
        assertEquals(40, ours.stream().filter(a -> a.code().getAsInt() == TRIAL_START).count());
    }

    @Test
    void describesCodesFromTheStandardTable() {
        assertEquals("class1, Left hand - cue onset (BCI experiment)", file.describe(LEFT_CUE).orElseThrow());
        assertEquals("class2, Right hand - cue onset (BCI experiment)", file.describe(RIGHT_CUE).orElseThrow());
        assertEquals("Start of Trial, Trigger at t=0s", file.describe(TRIAL_START).orElseThrow());
        assertEquals("Beep (accustic stimulus, BCI experiment)", file.describe(0x0311).orElseThrow());
        assertEquals("Feedback (continuous) - onset (BCI experiment)", file.describe(0x030D).orElseThrow());
        assertEquals("Cross on screen (BCI experiment)", file.describe(0x0312).orElseThrow());
    }

    @Test
    void windowEqualsSliceOfFullReadAndReadsOnlyItsRecords() throws IOException {
        long before = file.dataBytesRead();
        Recording w = file.read(ReadRequest.window(10_000, 2_560));
        assertEquals(2_560L * 8, file.dataBytesRead() - before, "1 sample per record, 8-byte records");
        assertEquals(2_560, w.sampleCount());
        for (int c = 0; c < w.channelCount(); c++) {
            for (int t = 0; t < w.sampleCount(); t++) {
                assertEquals(all.sample(c, 10_000 + t), w.sample(c, t));
            }
        }
        assertEquals(10_000 / 256.0, w.startSeconds());
        assertEquals(all.provenance().get(0).parameters().get("file"), w.provenance().get(0).parameters().get("file"));
        assertEquals("GDF 1.25", w.provenance().get(0).parameters().get("format"));
        assertTrue(w.provenance().get(0).parameters().containsKey("window"));
        assertEquals(file.header().startTime().plusNanos(Math.round(10_000 / 256.0 * 1e9)), w.startTime());
        // Spans that start before the window are clipped to it (MNE's crop rule), never negative.
        double from = 10_000 / 256.0;
        double to = 12_560 / 256.0;
        List<Annotation> expected = all.annotations().stream()
                .filter(a -> a.onsetSeconds() < to && (a.durationSeconds() == 0
                        ? a.onsetSeconds() >= from : a.onsetSeconds() + a.durationSeconds() > from))
                .map(a -> {
                    double onset = Math.max(a.onsetSeconds(), from);
                    double end = Math.min(a.onsetSeconds() + a.durationSeconds(), to);
                    return new Annotation(onset - from, end - onset, a.description(), a.code());
                }).toList();
        assertTrue(expected.stream().anyMatch(a -> a.onsetSeconds() == 0 && a.durationSeconds() > 0),
                "the window should cut through a trial span");
        assertTrue(!expected.isEmpty());
        assertEquals(expected, w.annotations());
    }

    @Test
    void channelSubsetInRequestedOrder() throws IOException {
        Recording r = file.read(ReadRequest.window(500, 100).withChannels(List.of("Channel 5", "Channel 1")));
        assertEquals(List.of("Channel 5", "Channel 1"), r.channelNames());
        for (int t = 0; t < 100; t++) {
            assertEquals(all.sample(3, 500 + t), r.sample(0, t));
            assertEquals(all.sample(0, 500 + t), r.sample(1, t));
        }
        assertEquals("Channel 5,Channel 1", r.provenance().get(0).parameters().get("channels"));
        assertEquals(ChannelType.EEG, r.channel(0).type());
    }

    @Test
    void smallChunksGiveTheSameSamples() throws IOException {
        try (GdfFile small = new GdfReader().open(TestData.file("eeg/graz_mi_left_right.gdf"), OpenOptions.DEFAULT)) {
            small.chunkBytes(24);
            Recording r = small.read(ReadRequest.window(1, 1000));
            for (int c = 0; c < r.channelCount(); c++) {
                float[] expected = new float[1000];
                System.arraycopy(all.channelData(c), 1, expected, 0, 1000);
                assertArrayEquals(expected, r.channelData(c));
            }
        }
    }

    @Test
    void refusesWindowsPastTheEndAndUnknownChannels() {
        long n = file.header().sampleCounts().get(0);
        SignalException past = assertThrows(SignalException.class, () -> file.read(ReadRequest.window(n - 10, 11)));
        assertTrue(past.getMessage().contains("past the end"), past.getMessage());
        assertThrows(SignalException.class, () -> file.read(ReadRequest.window(n + 1, -1)));
        SignalException unknown = assertThrows(SignalException.class,
                () -> file.read(ReadRequest.all().withChannels(List.of("Channel 4"))));
        assertTrue(unknown.getMessage().contains("Channel 4"), unknown.getMessage());
    }

    @Test
    void emptyWindowAtTheEnd() throws IOException {
        long n = file.header().sampleCounts().get(0);
        Recording r = file.read(ReadRequest.window(n, 0));
        assertEquals(0, r.sampleCount());
        assertEquals(List.of(), r.annotations());
    }

    private static int indexInFile(List<GdfEvent> events, Annotation a) {
        double rate = file.gdfHeader().eventTable().rate();
        for (int i = 0; i < events.size(); i++) {
            GdfEvent e = events.get(i);
            if (e.type() == a.code().getAsInt() && e.onsetSeconds(rate) == a.onsetSeconds()) {
                return i;
            }
        }
        throw new AssertionError("no event for " + a);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}

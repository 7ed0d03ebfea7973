package io.neurofm.signal.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sidecar location by inheritance and their application to recordings the test builds. */
class BidsSidecarsTest {
    private static final double RATE = 128;

    @TempDir
    Path tmp;

    private BidsTree tree;
    private BidsDataset ds;

    @BeforeEach
    void build() throws IOException {
        tree = BidsTree.standard(tmp);
        ds = BidsDataset.scan(tmp);
    }

    private BidsFile file(String relative) {
        return ds.recordings().stream().filter(f -> f.relativePath().equals(relative)).findFirst().orElseThrow();
    }

    /** As a reader would deliver it: generic types, one reader annotation, the read step only. */
    private static Recording recording(double startSeconds, int samples, List<String> names, String unit) {
        List<Channel> channels = new ArrayList<>();
        for (String n : names) {
            channels.add(new Channel(n, ChannelType.MISC, unit, RATE, null));
        }
        float[][] data = new float[names.size()][samples];
        for (int c = 0; c < names.size(); c++) {
            data[c][samples - 1] = c + 1;
        }
        return new Recording(channels, data, RATE, List.of(Annotation.of(0.1, 0, "reader")),
                new RecordingIds("X", null, null, null), null, startSeconds,
                List.of(Transform.of("read", "file", "x.edf", "format", "EDF")));
    }

    private static final List<String> NAMES = List.of("Fp1", "Cz", "EOG1", "STI 014", "Resp");

    @Test
    void locatesTheNearestApplicableSidecars() throws IOException {
        BidsSidecars run1 = BidsSidecars.load(file(BidsTree.RUN1));
        assertEquals("sub-01_ses-1_task-rest_run-1_channels.tsv", run1.channels().file().getFileName().toString());
        assertEquals("sub-01_ses-1_task-rest_run-1_events.tsv", run1.events().file().getFileName().toString());
        assertEquals("sub-01_ses-1_space-CapTrak_electrodes.tsv", run1.electrodes().file().getFileName().toString());
        assertEquals(List.of("task-rest_eeg.json", "sub-01_ses-1_task-rest_eeg.json"),
                run1.json().files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(128.0, run1.json().samplingFrequency(), "deeper JSON overrides");
        assertEquals(50.0, run1.json().powerLineFrequency(), "top-level JSON inherited");
        assertEquals("Cz", run1.json().values().get("EEGReference").asString());

        // run-2 has no channels/events of its own: the top-level task-rest files apply
        BidsSidecars run2 = BidsSidecars.load(file(BidsTree.RUN2));
        assertEquals("task-rest_channels.tsv", run2.channels().file().getFileName().toString());
        assertEquals(List.of(Annotation.of(1.0, 0, "top")), run2.events().events());
        assertNotNull(run2.electrodes(), "session-level electrodes apply to every run");

        BidsSidecars sub2 = BidsSidecars.load(file(BidsTree.SUB2_EEG));
        assertEquals(60.0, sub2.json().powerLineFrequency());
        assertNull(sub2.electrodes());

        BidsSidecars ieeg = BidsSidecars.load(file(BidsTree.IEEG));
        assertNull(ieeg.channels(), "task-rest sidecars do not apply to task-sz");
        assertNull(ieeg.events());
        assertTrue(ieeg.json().files().isEmpty());

        BidsSidecars bold = BidsSidecars.load(file(BidsTree.SUB2_BOLD));
        assertNull(bold.channels(), "channels.tsv is not a BOLD sidecar");
        assertEquals(1.35, bold.json().repetitionTime());
        assertEquals("task-rest_events.tsv", bold.events().file().getFileName().toString());
    }

    @Test
    void applySetsIdsTypesUnitsPositionsAndEvents() throws IOException {
        Recording r = BidsSidecars.apply(recording(0, 128 * 60, NAMES, ""), file(BidsTree.RUN1));
        assertEquals(new RecordingIds("01", "1", "1", "rest"), r.ids());
        assertEquals(List.of(ChannelType.EEG, ChannelType.EEG, ChannelType.EOG, ChannelType.STIM, ChannelType.MISC),
                r.channels().stream().map(Channel::type).toList());
        assertEquals(List.of("V", "V", "V", "", ""), r.channels().stream().map(Channel::unit).toList());
        Position fp1 = r.channel(0).position();
        assertEquals(-0.0294, fp1.x(), 1e-12);
        assertEquals(0.0839, fp1.y(), 1e-12);
        assertEquals(-0.007, fp1.z(), 1e-12);
        assertEquals(new Position(0, 0, 0.1), r.channel(1).position());
        assertNull(r.channel(2).position(), "EOG1 has no electrode row");
        assertEquals(List.of(
                new Annotation(0.5, 0, "stim/left", OptionalInt.of(1)),
                new Annotation(2.25, 0, "2", OptionalInt.of(2)),
                new Annotation(40, 1.5, "pause", OptionalInt.empty())), r.annotations());
        assertEquals(5f, r.sample(4, r.sampleCount() - 1), "samples untouched");

        Transform step = r.provenance().get(r.provenance().size() - 1);
        assertEquals("bids_sidecars", step.operation());
        Map<String, String> p = step.parameters();
        assertEquals(BidsTree.RUN1, p.get("bids_file"));
        assertEquals("Cz", p.get("bad_channels"));
        assertEquals("50.0", p.get("power_line_hz"));
        assertEquals("sub-01/ses-1/eeg/sub-01_ses-1_space-CapTrak_electrodes.tsv", p.get("electrodes_tsv"));
        assertTrue(p.get("coordinate_system").startsWith("CapTrak (mm"), p.get("coordinate_system"));
        assertTrue(p.get("events").startsWith("3 (replacing 1 from the reader; 0 outside"), p.get("events"));
        assertEquals("task-rest_eeg.json,sub-01/ses-1/eeg/sub-01_ses-1_task-rest_eeg.json", p.get("json"));
    }

    @Test
    void eventsFollowTheWindow() throws IOException {
        // a 10 s window starting 2 s into the file: the 0.5 s event is before it, the 40 s one after
        Recording r = BidsSidecars.apply(recording(2, 128 * 10, NAMES, ""), file(BidsTree.RUN1));
        assertEquals(List.of(new Annotation(0.25, 0, "2", OptionalInt.of(2))), r.annotations());
        assertEquals(2.0, r.startSeconds());
    }

    @Test
    void channelsMissingFromTheTableAreNamed() throws IOException {
        List<String> names = List.of("Fp1", "Oz", "Cz", "EKG");
        SignalException e = assertThrows(SignalException.class,
                () -> BidsSidecars.apply(recording(0, 128, names, ""), file(BidsTree.RUN1)));
        assertTrue(e.getMessage().contains("[Oz, EKG]") && e.getMessage().contains("run-1_channels.tsv"),
                e.getMessage());
        // a subset of the table is fine
        Recording subset = BidsSidecars.apply(recording(0, 128, List.of("Cz", "Fp1"), ""), file(BidsTree.RUN1));
        assertEquals(List.of("Cz", "Fp1"), subset.channelNames());
    }

    @Test
    void samplesInAnotherUnitAreNotRelabelled() throws IOException {
        SignalException e = assertThrows(SignalException.class,
                () -> BidsSidecars.apply(recording(0, 128, List.of("Fp1"), "uV"), file(BidsTree.RUN1)));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("uV"), e.getMessage());
        Recording volts = BidsSidecars.apply(recording(0, 128, List.of("Fp1"), "V"), file(BidsTree.RUN1));
        assertEquals("V", volts.channel(0).unit());
    }

    @Test
    void sidecarRatesMustMatchAnUnresampledRecording() throws IOException {
        tree.write("sub-01/ses-1/eeg/sub-01_ses-1_task-rest_eeg.json", "{\"SamplingFrequency\": 256}");
        BidsFile run1 = file(BidsTree.RUN1);
        SignalException e = assertThrows(SignalException.class,
                () -> BidsSidecars.apply(recording(0, 128, NAMES, ""), run1));
        assertTrue(e.getMessage().contains("SamplingFrequency 256") && e.getMessage().contains("_eeg.json"),
                e.getMessage());
        Recording resampled = recording(0, 128, NAMES, "").withSamples(new float[NAMES.size()][128],
                Transform.of("resample", "from", 256, "to", 128));
        assertEquals(NAMES.size(), BidsSidecars.apply(resampled, run1).channelCount());

        tree.write("sub-01/ses-1/eeg/sub-01_ses-1_task-rest_eeg.json", "{\"SamplingFrequency\": 128}");
        tree.write("sub-01/ses-1/eeg/sub-01_ses-1_task-rest_run-1_channels.tsv",
                "name\ttype\tunits\tsampling_frequency\nFp1\tEEG\tuV\t512\n");
        e = assertThrows(SignalException.class,
                () -> BidsSidecars.apply(recording(0, 128, List.of("Fp1"), ""), run1));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("512"), e.getMessage());
    }

    @Test
    void boldRecordingGetsIdsAndEventsOnly() throws IOException {
        double rate = 1 / 1.35;
        Recording rois = new Recording(List.of(new Channel("Precentral_L", ChannelType.FMRI_ROI, "a.u.", rate, null)),
                new float[1][10], rate, List.of(), null, null, 0,
                List.of(Transform.of("read", "file", "x.nii.gz"), Transform.of("atlas_roi_mean")));
        Recording r = BidsSidecars.apply(rois, file(BidsTree.SUB2_BOLD));
        assertEquals(new RecordingIds("02", null, null, "rest"), r.ids());
        assertEquals(ChannelType.FMRI_ROI, r.channel(0).type());
        assertEquals(List.of(Annotation.of(1.0, 0, "top")), r.annotations());

        tree.write("sub-02/func/sub-02_task-rest_bold.json", "{\"RepetitionTime\": 2.0}");
        SignalException e = assertThrows(SignalException.class,
                () -> BidsSidecars.apply(rois, file(BidsTree.SUB2_BOLD)));
        assertTrue(e.getMessage().contains("RepetitionTime 2.0"), e.getMessage());
    }

    @Test
    void twoApplicableFilesInOneFolderAreAmbiguous() throws IOException {
        tree.write("sub-01/ses-1/eeg/sub-01_task-rest_events.tsv", "onset\tduration\n1\t0\n");
        SignalException e = assertThrows(SignalException.class, () -> BidsSidecars.load(file(BidsTree.RUN1)));
        assertTrue(e.getMessage().contains("sub-01_task-rest_events.tsv")
                && e.getMessage().contains("sub-01_ses-1_task-rest_run-1_events.tsv"), e.getMessage());
    }

    @Test
    void electrodesNeedTheirCoordinateSystem() throws IOException {
        Files.delete(tmp.resolve("sub-01/ses-1/eeg/sub-01_ses-1_space-CapTrak_coordsystem.json"));
        tree.write("sub-01/ses-1/eeg/sub-01_ses-1_space-MNI_coordsystem.json",
                "{\"EEGCoordinateSystem\": \"MNI\", \"EEGCoordinateUnits\": \"m\"}");
        SignalException e = assertThrows(SignalException.class, () -> BidsSidecars.load(file(BidsTree.RUN1)));
        assertTrue(e.getMessage().contains("space-CapTrak"), e.getMessage());
    }
}

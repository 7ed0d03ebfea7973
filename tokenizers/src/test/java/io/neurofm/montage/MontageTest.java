package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class MontageTest {
    @Test
    void placesAllPhysionetChannelsWithTenTen() throws Exception {
        List<String> labels = HeaderLabels.edf(TestData.file("eeg/eegmmidb_S001R01.edf"));
        Montage.Applied applied = Montage.applyStandard(TestRecordings.counting(labels, 3), StandardMontage.TEN_TEN);
        assertEquals(labels, applied.placed());
        assertTrue(applied.unplaced().isEmpty());
        Recording out = applied.recording();
        assertEquals(labels, out.channelNames(), "names are not changed");
        for (int c = 0; c < out.channelCount(); c++) {
            assertEquals(StandardMontage.TEN_TEN.position(labels.get(c)).orElseThrow(), out.channel(c).position());
        }
        assertEquals("10-10", out.provenance().get(1).parameters().get("system"));
    }

    @Test
    void tenTwentyPlacesOnlyItsSitesAndSaysWhy() throws Exception {
        List<String> labels = HeaderLabels.edf(TestData.file("eeg/eegmmidb_S001R01.edf"));
        Montage.Applied applied = Montage.applyStandard(TestRecordings.counting(labels, 3), StandardMontage.TEN_TWENTY);
        // the 64-channel cap has all 21 classic sites (T7/T8/P7/P8 under their modern names)
        assertEquals(21, applied.placed().size());
        assertEquals(64 - 21, applied.unplaced().size());
        assertEquals("FC5 is not in the 10-20 system", applied.unplaced().get("Fc5."));
    }

    /** The CAP sleep file's channels are bipolar derivations: none gets a position. */
    @Test
    void bipolarChannelsAreReportedNotPlaced() throws Exception {
        List<String> labels = HeaderLabels.edf(TestData.file("eeg/capslpdb_brux2_100s.edf"));
        Montage.Applied applied = Montage.applyStandard(TestRecordings.counting(labels, 3), StandardMontage.TEN_FIVE);
        assertTrue(applied.placed().isEmpty(), applied.placed().toString());
        for (String label : labels) {
            assertTrue(applied.unplaced().get(label).startsWith("bipolar derivation"), label);
            assertFalse(applied.recording().channel(applied.recording().indexOf(label)).hasPosition());
        }
    }

    @Test
    void oldNamesAndNonEegChannels() {
        Recording recording = new Recording(List.of(Channel.of("T3", ChannelType.EEG, 10),
                Channel.of("Fp1", ChannelType.EOG, 10), Channel.of("EEG 001", ChannelType.EEG, 10)),
                new float[3][2], 10, List.of(), RecordingIds.NONE, null, 0, List.of());
        Montage.Applied applied = Montage.applyStandard(recording, StandardMontage.TEN_TWENTY);
        assertEquals(List.of("T3"), applied.placed());
        assertEquals(StandardMontage.TEN_TWENTY.position("T7").orElseThrow(), applied.recording().channel(0).position());
        assertEquals("type EOG, not EEG", applied.unplaced().get("Fp1"));
        assertEquals("not a standard electrode name", applied.unplaced().get("EEG 001"));
    }

    @Test
    void aliasIsPlacedThroughTheNameTheMontageUses() {
        Recording recording = TestRecordings.counting(List.of("I1"), 2);
        Montage.Applied applied = Montage.applyStandard(recording, StandardMontage.TEN_TEN);
        assertEquals(StandardMontage.TEN_TEN.position("O9").orElseThrow(), applied.recording().channel(0).position());
    }

    @Test
    void normaliseNames() throws Exception {
        Recording recording = TestRecordings.counting(List.of("Fc5.", "EEG FP1-REF", "FP2-F4", "Channel 1"), 2);
        assertEquals(List.of("FC5", "Fp1", "Fp2-F4", "Channel 1"), Montage.normaliseNames(recording).channelNames());
        Recording clash = TestRecordings.counting(List.of("Cz..", "EEG CZ-REF"), 2);
        SignalException e = assertThrows(SignalException.class, () -> Montage.normaliseNames(clash));
        assertTrue(e.getMessage().contains("Cz"), e.getMessage());
    }
}

package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.TestData;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelNamesTest {
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Fc5.|FC5", "Cz..|Cz", "EEG Fp1-Ref|Fp1", "EEG FP1-REF|Fp1", "FP1|Fp1", "fpz|Fpz",
            "Fcz.|FCz", "Afz.|AFz", "Poz.|POz", "Iz..|Iz", "OZ|Oz", "EEG Cz-A1|Cz", "Fp1-AVG|Fp1",
            "EEG:C3|C3", "  c4  |C4", "T3|T3", "t4|T4", "T5..|T5", "EEG T6-LE|T6", "afp3H|AFp3h", "EEG A1-Ref|A1"})
    void normalisesSingleElectrodes(String label, String expected) {
        ChannelName parsed = ChannelNames.parse(label);
        assertEquals(ChannelName.Kind.ELECTRODE, parsed.kind(), label);
        assertEquals(expected, parsed.name());
        assertEquals(expected, ChannelNames.normalise(label));
        assertEquals(List.of(expected), parsed.electrodes());
    }

    @Test
    void keepsTheStatedReference() {
        assertEquals("A1", ChannelNames.parse("EEG Cz-A1").reference());
        assertEquals("REF", ChannelNames.parse("EEG FP1-REF").reference());
        assertEquals("AVG", ChannelNames.parse("Fp1-AVG").reference());
        assertNull(ChannelNames.parse("Cz").reference());
    }

    @ParameterizedTest(name = "\"{0}\" is bipolar {1}")
    @CsvSource(delimiter = '|', value = {
            "Fp2-F4|Fp2-F4", "FP2-F4|Fp2-F4", "F8-T4|F8-T4", "EEG Fpz-Cz|Fpz-Cz", "c4 - p4|C4-P4", "P4-O2.|P4-O2"})
    void recognisesBipolarDerivations(String label, String expected) {
        ChannelName parsed = ChannelNames.parse(label);
        assertEquals(ChannelName.Kind.BIPOLAR, parsed.kind(), label);
        assertEquals(expected, parsed.name());
        assertEquals(List.of(expected.split("-")), parsed.electrodes());
        assertNull(parsed.reference());
        assertTrue(StandardMontage.TEN_FIVE.position(label).isEmpty(), "a derivation has no position");
    }

    @ParameterizedTest(name = "\"{0}\" stays \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "EEG 001|EEG 001", "Channel 1|Channel 1", " Channel 5 |Channel 5", "ECG|ECG", "STI 014|STI 014",
            "Fp1-Fp2-F3|Fp1-Fp2-F3", "X1-REF|X1-REF", "EEG|EEG", "...|...", "Fp1-|Fp1-"})
    void leavesOtherNamesAlone(String label, String expected) {
        ChannelName parsed = ChannelNames.parse(label);
        assertEquals(ChannelName.Kind.OTHER, parsed.kind(), label);
        assertEquals(expected, parsed.name());
        assertTrue(parsed.electrodes().isEmpty());
    }

    @Test
    void matchKeysTreatOldTenTwentyNamesAsTheirModernOnes() {
        assertEquals(ChannelNames.matchKey("T3"), ChannelNames.matchKey("T7"));
        assertEquals(ChannelNames.matchKey("EEG T4-REF"), ChannelNames.matchKey("t8"));
        assertEquals(ChannelNames.matchKey("T5"), ChannelNames.matchKey("P7.."));
        assertEquals(ChannelNames.matchKey("T6"), ChannelNames.matchKey("P8"));
        assertEquals(ChannelNames.matchKey("O9"), ChannelNames.matchKey("I1"));
        assertEquals(ChannelNames.matchKey("F8-T4"), ChannelNames.matchKey("F8-T8"));
        assertEquals(ChannelNames.matchKey("Channel 1"), ChannelNames.matchKey("CHANNEL 1"));
        assertNotEquals(ChannelNames.matchKey("M1"), ChannelNames.matchKey("A1"), "mastoid and ear lobe differ");
        assertNotEquals(ChannelNames.matchKey("Fp2-F4"), ChannelNames.matchKey("F4-Fp2"), "derivations have a sign");
        assertNotEquals(ChannelNames.matchKey("Fp2-F4"), ChannelNames.matchKey("Fp2"));
        assertEquals("T3", ChannelNames.normalise("T3"), "old names are kept as written");
    }

    /** All 64 labels of the PhysioNet EDF, read from its header, name distinct 10-10 electrodes. */
    @Test
    void physionetLabelsAllNameTenTenElectrodes() throws IOException {
        List<String> labels = HeaderLabels.edf(TestData.file("eeg/eegmmidb_S001R01.edf"));
        assertEquals(64, labels.size());
        Set<String> names = new HashSet<>();
        for (String label : labels) {
            ChannelName parsed = ChannelNames.parse(label);
            assertEquals(ChannelName.Kind.ELECTRODE, parsed.kind(), label);
            assertTrue(StandardMontage.TEN_TEN.contains(label), label + " is a 10-10 electrode");
            assertTrue(StandardMontage.TEN_TEN.position(label).isPresent(), label);
            names.add(parsed.name());
            assertTrue(parsed.name().equalsIgnoreCase(label.replace(".", "")), label + " -> " + parsed.name());
        }
        assertEquals(64, names.size(), "distinct electrodes");
        assertEquals("FC5", ChannelNames.normalise(labels.get(0)));
        assertTrue(names.containsAll(List.of("FCz", "CPz", "AFz", "POz", "Iz", "Oz", "Fpz", "FT7", "TP8", "T10")));
    }
}

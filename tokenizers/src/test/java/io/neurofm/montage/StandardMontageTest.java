package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.Position;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StandardMontageTest {
    private static final List<String> CLASSIC_21 = List.of("Fp1", "Fpz", "Fp2", "F7", "F3", "Fz", "F4", "F8",
            "T7", "C3", "Cz", "C4", "T8", "P7", "P3", "Pz", "P4", "P8", "O1", "Oz", "O2");

    @Test
    void tenTwentyIsTheClassic21WithOldNamesAndReferences() {
        Set<String> expected = new HashSet<>(CLASSIC_21);
        expected.addAll(List.of("T3", "T4", "T5", "T6", "A1", "A2", "M1", "M2"));
        assertEquals(expected, new HashSet<>(StandardMontage.TEN_TWENTY.names()));
    }

    @Test
    void systemsNestAndMatchMnesFiles() {
        Set<String> twenty = new HashSet<>(StandardMontage.TEN_TWENTY.names());
        Set<String> ten = new HashSet<>(StandardMontage.TEN_TEN.names());
        Set<String> five = new HashSet<>(StandardMontage.TEN_FIVE.names());
        assertTrue(ten.containsAll(twenty));
        assertTrue(five.containsAll(ten));
        // standard_1020.elc lists 94 positions, standard_1005.elc 343; 10-05 adds O9/O10 from the former
        assertEquals(94, ten.size());
        assertEquals(343 + 2, five.size());
        assertTrue(ten.containsAll(List.of("AF9", "FT10", "TP9", "PO10", "O9", "O10", "Iz", "FCz", "CPz")));
        assertFalse(ten.contains("I1"), "I1 is the 10-05 name of O9");
        assertTrue(five.containsAll(List.of("AFp3h", "FCC5h", "OI2", "I1", "I2", "POOz")));
    }

    @Test
    void oldNamesShareTheirModernPositions() {
        Map<String, String> aliases = Map.of("T3", "T7", "T4", "T8", "T5", "P7", "T6", "P8", "O9", "I1", "O10", "I2");
        aliases.forEach((old, modern) -> {
            assertEquals(StandardMontage.TEN_FIVE.position(modern).orElseThrow(),
                    StandardMontage.TEN_FIVE.position(old).orElseThrow(), old);
            assertEquals(modern, StandardMontage.TEN_FIVE.electrode(old).orElseThrow().preferredName());
        });
    }

    @Test
    void lookupAcceptsAnySpellingAndGivesCanonicalCase() {
        Position fp1 = StandardMontage.TEN_TWENTY.position("Fp1").orElseThrow();
        assertEquals(fp1, StandardMontage.TEN_TWENTY.position("EEG FP1-REF").orElseThrow());
        assertEquals(fp1, StandardMontage.TEN_TWENTY.position("fp1.").orElseThrow());
        assertEquals("FCz", StandardMontage.TEN_TEN.electrode("FCZ").orElseThrow().name());
        assertEquals("POz", StandardMontage.TEN_TEN.electrode("poz").orElseThrow().name());
        assertTrue(StandardMontage.TEN_TWENTY.position("FC5").isEmpty(), "FC5 is not a 10-20 site");
        assertTrue(StandardMontage.TEN_TEN.position("Fp2-F4").isEmpty(), "derivations have no position");
        assertTrue(StandardMontage.TEN_TEN.position("Channel 1").isEmpty());
    }

    @Test
    void positionsAreInMnesHeadFrame() {
        // Head frame: the preauricular points lie on the x axis, the nasion on +y, so the midline
        // electrodes sit near x = 0, left ones at x < 0, and Cz is the highest classic site.
        for (String name : List.of("Fpz", "Fz", "Cz", "Pz", "Oz")) {
            assertEquals(0, StandardMontage.TEN_TWENTY.position(name).orElseThrow().x(), 0.005, name);
        }
        assertTrue(StandardMontage.TEN_TWENTY.position("C3").orElseThrow().x() < -0.05);
        assertTrue(StandardMontage.TEN_TWENTY.position("Fpz").orElseThrow().y() > 0.1);
        double czZ = StandardMontage.TEN_TWENTY.position("Cz").orElseThrow().z();
        for (String name : CLASSIC_21) {
            assertTrue(StandardMontage.TEN_TWENTY.position(name).orElseThrow().z() <= czZ, name);
        }
    }

    @Test
    void positionsEqualWhatMneSets() {
        JsonNode positions = Golden.load("montage_interpolation").get("positions");
        for (String name : positions.propertyNames()) {
            JsonNode p = positions.get(name);
            Position ours = StandardMontage.TEN_TEN.position(name).orElseThrow();
            assertEquals(p.get(0).asDouble(), ours.x(), 0, name);
            assertEquals(p.get(1).asDouble(), ours.y(), 0, name);
            assertEquals(p.get(2).asDouble(), ours.z(), 0, name);
        }
    }

    @Test
    void labels() {
        assertEquals(StandardMontage.TEN_TWENTY, StandardMontage.byLabel("10-20"));
        assertEquals(StandardMontage.TEN_FIVE, StandardMontage.byLabel("10-5"));
        assertEquals(StandardMontage.TEN_TEN, StandardMontage.byLabel("ten_ten"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandardMontage.byLabel("standard_1020"));
        assertTrue(e.getMessage().contains("10-20"), e.getMessage());
    }
}

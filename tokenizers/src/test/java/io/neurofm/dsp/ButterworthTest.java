package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Butterworth SOS design against scipy.signal.butter(..., output='sos') for every golden case. */
class ButterworthTest {
    @Test
    void sectionsMatchScipyForAllOrdersAndBandTypes() {
        double worst = 0;
        int cases = 0;
        for (JsonNode c : DspGolden.ROOT.get("butter")) {
            int order = c.get("order").asInt();
            FilterType type = FilterType.parse(c.get("btype").asString());
            double[] cutoff = DspGolden.vector(c.get("cutoff"));
            double[][] expected = DspGolden.matrix(c.get("sos"));
            double[][] actual = Butterworth.design(order, type, c.get("fs").asDouble(), cutoff).toArray();
            String label = "butter(" + order + ", " + type.scipyName() + " " + java.util.Arrays.toString(cutoff) + ")";
            assertEquals(expected.length, actual.length, label + ": section count");
            for (int s = 0; s < expected.length; s++) {
                for (int k = 0; k < 6; k++) {
                    double err = Math.abs(expected[s][k] - actual[s][k]);
                    worst = Math.max(worst, err);
                    assertTrue(err <= 1e-10, label + " section " + s + " coefficient " + k + ": expected "
                            + expected[s][k] + " got " + actual[s][k]);
                }
            }
            cases++;
        }
        assertTrue(cases >= 24, "golden file holds the butter cases");
        System.out.printf("butter SOS: %d designs, max abs coefficient error %.3g%n", cases, worst);
    }

    @Test
    void rejectsCutoffsOutsideTheNyquistBand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Butterworth.design(4, FilterType.LOWPASS, 160, 80));
        assertTrue(e.getMessage().contains("fs/2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Butterworth.design(4, FilterType.BANDPASS, 160, 40, 1));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.design(4, FilterType.BANDPASS, 160, 1));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.design(0, FilterType.HIGHPASS, 160, 1));
    }

    @Test
    void defaultPadLengthFollowsScipyIncludingOddOrders() {
        for (JsonNode c : DspGolden.ROOT.get("filters")) {
            if (!c.has("padlen")) {
                continue;
            }
            Sos sos = Butterworth.design(c.get("order").asInt(), FilterType.parse(c.get("btype").asString()),
                    c.get("fs").asDouble(), DspGolden.vector(c.get("cutoff")));
            assertEquals(c.get("padlen").asInt(), sos.defaultPadLength(), "padlen of " + c.get("btype") + " order "
                    + c.get("order"));
        }
    }
}

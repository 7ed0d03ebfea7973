package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Against numpy (tools/golden/make_tokenize_golden.py) on the brux2 recording, first 50 s for fitting. */
class QuantileTokenizerTest {
    private static final JsonNode GOLDEN = Golden.load("tokenize_quantile");

    @Test
    void statisticsEdgesAndCentresMatchNumpy() throws Exception {
        QuantileTokenizer tokenizer = QuantileTokenizer.fit(List.of(TokenizeFixtures.training()), 256);
        int c = 0;
        for (double[] ms : tokenizer.channelStatistics().values()) {
            assertEquals(GOLDEN.get("mean").get(c).asDouble(), ms[0], 1e-9 * GOLDEN.get("std").get(c).asDouble());
            assertEquals(GOLDEN.get("std").get(c).asDouble(), ms[1], 1e-9 * ms[1]);
            c++;
        }
        float[] edges = tokenizer.edges();
        float[] centres = tokenizer.centres();
        assertEquals(257, edges.length);
        double worstEdge = 0;
        double worstCentre = 0;
        for (int b = 0; b < edges.length; b++) {
            double expected = GOLDEN.get("edges").get(b).asDouble();
            worstEdge = Math.max(worstEdge, Math.abs(edges[b] - expected));
            assertEquals((float) expected, edges[b], 1e-6 * Math.max(1, Math.abs(expected)), "edge " + b);
        }
        for (int b = 0; b < centres.length; b++) {
            double expected = GOLDEN.get("centres").get(b).asDouble();
            worstCentre = Math.max(worstCentre, Math.abs(centres[b] - expected));
            assertEquals(expected, centres[b], 1e-6 * Math.max(1, Math.abs(expected)), "centre " + b);
        }
        System.out.printf("quantile vs numpy: max |edge| error %.3g, max |centre| error %.3g (z units)%n",
                worstEdge, worstCentre);
    }

    @Test
    void heldOutIdsMatchNumpyDigitize() throws Exception {
        QuantileTokenizer tokenizer = QuantileTokenizer.fit(List.of(TokenizeFixtures.training()), 256);
        Tokens tokens = tokenizer.encode(TokenizeFixtures.heldOut());
        int differing = 0;
        int total = 0;
        for (int c = 0; c < 5; c++) {
            for (int t = 0; t < 512; t++) {
                int expected = GOLDEN.get("held_ids_first512").get(c).get(t).asInt();
                differing += expected == tokens.ids()[c][t] ? 0 : 1;
                total++;
            }
        }
        System.out.printf("quantile ids differing from numpy.digitize: %d of %d%n", differing, total);
        assertEquals(0, differing);
    }

    @Test
    void binsAreEquallyPopulatedOnTheTrainingData() throws Exception {
        QuantileTokenizer tokenizer = QuantileTokenizer.fit(List.of(TokenizeFixtures.training()), 16);
        Tokens tokens = tokenizer.encode(TokenizeFixtures.training());
        int[] counts = new int[16];
        for (int[] row : tokens.ids()) {
            for (int id : row) {
                counts[id]++;
            }
        }
        int expected = 5 * 50 * 256 / 16;
        for (int b = 0; b < 16; b++) {
            assertEquals(expected, counts[b], expected * 0.05, "bin " + b);
        }
    }

    @Test
    void reconstructionExplainsTheVarianceOfTrainingAndHeldOutData() throws Exception {
        Recording train = TokenizeFixtures.training();
        QuantileTokenizer tokenizer = QuantileTokenizer.fit(List.of(train), 256);
        Recording held = TokenizeFixtures.heldOut();
        double ve = TokenizeFixtures.varianceExplained(held, tokenizer.decode(tokenizer.encode(held)));
        double inRange = TokenizeFixtures.varianceExplained(train, tokenizer.decode(tokenizer.encode(train)));
        System.out.printf("quantile (256 bins) variance explained (brux2): held-out %.6f, training %.6f%n", ve,
                inRange);
        // held-out artefacts reach 7.7 sd where the top bin's centre is ~3 sd: the end bins cost the most
        assertTrue(ve > 0.98, "held-out variance explained " + ve);
        assertTrue(inRange > 0.999, "training variance explained " + inRange);
    }

    @Test
    void refusesAnotherRateAndNan() throws Exception {
        QuantileTokenizer tokenizer = QuantileTokenizer.fit(List.of(TokenizeFixtures.training()), 64);
        Recording held = TokenizeFixtures.heldOut();
        Recording fast = held.derive(held.channels().stream().map(c -> c.withSamplingRate(512)).toList(),
                held.samples(), 512, List.of(), Transform.of("relabel"));
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(fast)).getMessage()
                .contains("fitted at 256.0 Hz"));
        float[][] samples = held.samples();
        samples[4][0] = Float.POSITIVE_INFINITY;
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(held.withSamples(samples,
                Transform.of("damage")))).getMessage().contains("F8-T4 has Infinity at sample 0"));
        assertThrows(IllegalArgumentException.class, () -> QuantileTokenizer.fit(List.of(held), 1));
    }

    @Test
    void savedAndLoadedGivesIdenticalTokens(@TempDir Path dir) throws Exception {
        QuantileTokenizer tokenizer = QuantileTokenizer.fit(List.of(TokenizeFixtures.training()), 256);
        Tokenizer loaded = TokenizeFixtures.roundTrip(tokenizer, TokenizeFixtures.heldOut(), dir);
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("quantile.safetensors")));
        Recording held = TokenizeFixtures.heldOut();
        TokenizeFixtures.assertSameTokens(tokenizer.encode(held), loaded.encode(loaded.decode(tokenizer.encode(held))));
    }
}

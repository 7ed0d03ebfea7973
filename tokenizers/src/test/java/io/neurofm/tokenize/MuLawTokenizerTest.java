package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.dsp.Scaler;
import io.neurofm.dsp.ScalingMethod;
import io.neurofm.dsp.ScalingStats;
import io.neurofm.signal.Channel;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MuLawTokenizerTest {
    @Test
    void idsFollowTheMuLawCurveAndInvertExactly() {
        assertEquals(0, MuLawTokenizer.encodeValue(-1));
        assertEquals(128, MuLawTokenizer.encodeValue(0), "y = 0 sits at 127.5, rounded up");
        assertEquals(255, MuLawTokenizer.encodeValue(1));
        assertEquals(255, MuLawTokenizer.encodeValue(3.5), "values beyond the training maximum clip");
        assertEquals(1.0, MuLawTokenizer.decodeValue(255), 1e-12);
        assertEquals(-1.0, MuLawTokenizer.decodeValue(0), 1e-12);
        for (int id = 0; id < 256; id++) {
            assertEquals(id, MuLawTokenizer.encodeValue(MuLawTokenizer.decodeValue(id)), "id " + id);
        }
        // the value whose compressed y is 0.5 sits three quarters up the id range: round(0.75 * 255)
        double x = Math.expm1(0.5 * Math.log1p(255)) / 255;
        assertEquals(191, MuLawTokenizer.encodeValue(x));
    }

    @Test
    void heldOutZScoredEegIsReconstructedAbove99Percent() throws Exception {
        ScalingStats stats = Scaler.fit(TokenizeFixtures.training(), ScalingMethod.ZSCORE);
        Recording train = Scaler.apply(TokenizeFixtures.training(), stats);
        Recording held = Scaler.apply(TokenizeFixtures.heldOut(), stats);
        MuLawTokenizer tokenizer = MuLawTokenizer.fit(List.of(train));
        Tokens tokens = tokenizer.encode(held);
        assertEquals(5, tokens.rows());
        assertEquals(held.sampleCount(), tokens.steps());
        assertEquals(256, tokens.vocabularySize());
        assertEquals(1 / 256.0, tokens.stepSeconds());
        assertNull(tokens.valid());
        Recording back = tokenizer.decode(tokens);
        double ve = TokenizeFixtures.varianceExplained(held, back);
        System.out.printf("mu-law held-out variance explained (brux2, z-scored): %.6f%n", ve);
        assertTrue(ve > 0.99, "variance explained " + ve);
        assertEquals(held.channel(0).type(), back.channel(0).type());
        assertEquals(256.0, back.samplingRate());
        // what is lost is the held-out artefacts beyond the training maximum (7.7 vs 4.4 sd), which clip:
        // inside the training range the quantisation alone costs far less, and headroom buys the room back
        double inRange = TokenizeFixtures.varianceExplained(train, tokenizer.decode(tokenizer.encode(train)));
        MuLawTokenizer roomy = MuLawTokenizer.fit(List.of(train), 2);
        double withHeadroom = TokenizeFixtures.varianceExplained(held, roomy.decode(roomy.encode(held)));
        System.out.printf("mu-law variance explained: training data %.6f, held-out with headroom 2 %.6f%n", inRange,
                withHeadroom);
        assertTrue(inRange > 0.9995, "training-range variance explained " + inRange);
        assertTrue(withHeadroom > 0.999, "held-out variance explained with headroom 2: " + withHeadroom);
    }

    @Test
    void fitsTheLargestAbsoluteValuePerChannel() throws Exception {
        Recording train = TokenizeFixtures.training();
        MuLawTokenizer tokenizer = MuLawTokenizer.fit(List.of(train));
        float[] x = train.channelData(2);
        double max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(max, tokenizer.scales().get(train.channel(2).name()));
    }

    @Test
    void refusesAnotherRateNanAndUnknownChannels() throws Exception {
        MuLawTokenizer tokenizer = MuLawTokenizer.fit(List.of(TokenizeFixtures.training()));
        Recording held = TokenizeFixtures.heldOut();
        Recording slow = held.derive(held.channels().stream().map(c -> c.withSamplingRate(128)).toList(),
                held.samples(), 128, List.of(), Transform.of("relabel"));
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(slow)).getMessage()
                .contains("fitted at 256.0 Hz but the window is at 128.0 Hz"));
        float[][] samples = held.samples();
        samples[1][77] = Float.NaN;
        Recording nan = held.withSamples(samples, Transform.of("damage"));
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(nan)).getMessage()
                .contains("channel F4-C4 has NaN at sample 77"));
        List<Channel> renamed = new java.util.ArrayList<>(held.channels());
        renamed.set(0, renamed.get(0).withName("Cz-Oz"));
        Recording unknown = held.withChannels(renamed, Transform.of("rename"));
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(unknown)).getMessage()
                .contains("not fitted on channels [Cz-Oz]"));
    }

    @Test
    void aSubsetOfChannelsInAnotherOrderIsFine() throws Exception {
        MuLawTokenizer tokenizer = MuLawTokenizer.fit(List.of(TokenizeFixtures.training()));
        Recording held = TokenizeFixtures.heldOut();
        float[][] two = {held.channelData(3), held.channelData(0)};
        Recording subset = held.derive(List.of(held.channel(3), held.channel(0)), two, 256, List.of(),
                Transform.of("pick"));
        Tokens all = tokenizer.encode(held);
        Tokens picked = tokenizer.encode(subset);
        assertEquals(List.of("P4-O2", "Fp2-F4"), picked.channels());
        org.junit.jupiter.api.Assertions.assertArrayEquals(all.ids()[3], picked.ids()[0]);
    }

    @Test
    void savedAndLoadedGivesIdenticalTokens(@TempDir Path dir) throws Exception {
        MuLawTokenizer tokenizer = MuLawTokenizer.fit(List.of(TokenizeFixtures.training()));
        Tokenizer loaded = TokenizeFixtures.roundTrip(tokenizer, TokenizeFixtures.heldOut(), dir);
        assertTrue(loaded.invertible());
        assertEquals(tokenizer.state().config(), loaded.state().config());
    }
}

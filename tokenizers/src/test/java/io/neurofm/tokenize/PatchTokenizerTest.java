package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.dsp.Resampling;
import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchTokenizerTest {
    private static final PatchTokenizer.Options LABRAM = PatchTokenizer.Options.LABRAM;

    @Test
    void patchesAreTheResampledSignalOver100Microvolts() throws Exception {
        Recording brux = TokenizeFixtures.brux2();
        PatchTokenizer tokenizer = PatchTokenizer.fit(List.of(TokenizeFixtures.training()), LABRAM);
        Tokens tokens = tokenizer.encode(brux);
        assertEquals(100, tokens.steps(), "100 s at 200 Hz in 1 s patches");
        assertEquals(200, tokens.dimension());
        assertEquals(1.0, tokens.stepSeconds());
        assertEquals(brux.channelNames(), tokens.channels());
        Recording resampled = Resampling.resample(brux, 200);
        for (int c : new int[] {0, 4}) {
            for (int k : new int[] {0, 37, 99}) {
                for (int i = 0; i < 200; i += 13) {
                    assertEquals(resampled.sample(c, k * 200 + i) / 1e-4, tokens.vectors()[c][k][i], 1e-6,
                            "channel " + c + " patch " + k + " sample " + i);
                }
            }
        }
    }

    @Test
    void decodingConcatenatesThePatchesAtTheTargetRate() throws Exception {
        Recording brux = TokenizeFixtures.slice(TokenizeFixtures.brux2(), 0, 2560 + 100);
        PatchTokenizer tokenizer = PatchTokenizer.fit(List.of(brux), LABRAM);
        assertTrue(tokenizer.invertible());
        Recording back = tokenizer.decode(tokenizer.encode(brux));
        Recording resampled = Resampling.resample(brux, 200);
        assertEquals(200.0, back.samplingRate());
        assertEquals(2000, back.sampleCount(), "the 0.39 s remainder is dropped");
        for (int c = 0; c < 5; c++) {
            float[] expected = java.util.Arrays.copyOf(resampled.channelData(c), 2000);
            float[] actual = back.channelData(c);
            for (int t = 0; t < 2000; t++) {
                assertEquals(expected[t], actual[t], 1e-6 * Math.abs(expected[t]) + 1e-12);
            }
            assertEquals(brux.channel(c).unit(), back.channel(c).unit());
        }
    }

    @Test
    void spectrumMagnitudesAreHandDerivable() throws Exception {
        double rate = 200;
        float[][] x = new float[2][400];
        for (int t = 0; t < 400; t++) {
            x[0][t] = (float) (3 * Math.cos(2 * Math.PI * 10 * t / rate));
            x[1][t] = 0.5f;
        }
        Recording r = new Recording(List.of(Channel.of("A", ChannelType.EEG, rate), Channel.of("B", ChannelType.EEG,
                rate)), x, rate, List.of(), RecordingIds.NONE, null, 0, List.of(Transform.of("made")));
        PatchTokenizer.Options options = new PatchTokenizer.Options(200, 200, true, PatchTokenizer.Scaling.NONE, 1, null);
        PatchTokenizer tokenizer = PatchTokenizer.fit(List.of(r), options);
        Tokens tokens = tokenizer.encode(r);
        assertEquals(301, tokens.dimension(), "200 samples + 101 magnitudes");
        assertFalse(tokenizer.invertible());
        float[] cosine = tokens.vectors()[0][1];
        for (int k = 0; k <= 100; k++) {
            assertEquals(k == 10 ? 1.5 : 0, cosine[200 + k], 1e-5, "bin " + k);
        }
        float[] constant = tokens.vectors()[1][0];
        assertEquals(0.5, constant[200], 1e-6);
        assertEquals(0, constant[201], 1e-6);
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.decode(tokens)).getMessage()
                .contains("not invertible"));
    }

    @Test
    void aStandardMontagePositionsTheRows() throws Exception {
        Recording mmi = TokenizeFixtures.slice(Readers.read(TestData.file("eeg/eegmmidb_S001R01.edf"),
                OpenOptions.DEFAULT), 0, 1600);
        PatchTokenizer.Options options = new PatchTokenizer.Options(200, 200, false, PatchTokenizer.Scaling.FIXED,
                1e-4, StandardMontage.TEN_TEN);
        Tokens tokens = PatchTokenizer.fit(List.of(mmi), options).encode(mmi);
        assertEquals(64, tokens.rows());
        assertEquals(10, tokens.steps(), "10 s at 160 Hz resampled to 200 Hz");
        assertEquals("Fc5.", tokens.channels().get(0));
        assertEquals(StandardMontage.TEN_TEN.position("Fc5.").orElseThrow(), tokens.positions().get(0));
        assertTrue(tokens.positions().stream().allMatch(p -> p != null));
        Tokens bare = PatchTokenizer.fit(List.of(mmi), LABRAM).encode(mmi);
        assertNull(bare.positions().get(0), "no montage: the file's (absent) positions are kept");
    }

    @Test
    void zScoringUsesStatisticsFittedAtTheTargetRate(@TempDir Path dir) throws Exception {
        PatchTokenizer.Options options = new PatchTokenizer.Options(128, 256, false, PatchTokenizer.Scaling.ZSCORE, 1,
                null);
        PatchTokenizer tokenizer = PatchTokenizer.fit(List.of(TokenizeFixtures.training()), options);
        Tokens tokens = tokenizer.encode(TokenizeFixtures.training());
        assertEquals(25, tokens.steps(), "50 s at 128 Hz in 2 s patches");
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (float[] patch : tokens.vectors()[2]) {
            for (float v : patch) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        assertEquals(0, sum / n, 1e-5);
        assertEquals(1, squares / n, 1e-4);
        Tokenizer loaded = TokenizeFixtures.roundTrip(tokenizer, TokenizeFixtures.heldOut(), dir);
        Recording back = loaded.decode(loaded.encode(TokenizeFixtures.heldOut()));
        Recording expected = Resampling.resample(TokenizeFixtures.heldOut(), 128);
        assertEquals(expected.sample(1, 1234), back.sample(1, 1234), 1e-6 * Math.abs(expected.sample(1, 1234)));
    }

    @Test
    void savedAndLoadedGivesIdenticalTokensForEachOptionSet(@TempDir Path dir) throws Exception {
        Recording brux = TokenizeFixtures.slice(TokenizeFixtures.brux2(), 0, 2560);
        for (PatchTokenizer.Options options : List.of(LABRAM,
                new PatchTokenizer.Options(200, 100, true, PatchTokenizer.Scaling.NONE, 1, StandardMontage.TEN_TWENTY),
                new PatchTokenizer.Options(256, 64, true, PatchTokenizer.Scaling.ZSCORE, 1, null))) {
            PatchTokenizer tokenizer = PatchTokenizer.fit(List.of(brux), options);
            PatchTokenizer loaded = (PatchTokenizer) TokenizeFixtures.roundTrip(tokenizer, brux, dir);
            assertEquals(options, loaded.options());
        }
    }

    @Test
    void refusesTooShortWindowsUnknownChannelsWhenZScoringAndNan() throws Exception {
        PatchTokenizer tokenizer = PatchTokenizer.fit(List.of(TokenizeFixtures.training()),
                new PatchTokenizer.Options(200, 200, false, PatchTokenizer.Scaling.ZSCORE, 1, null));
        Recording shortWindow = TokenizeFixtures.slice(TokenizeFixtures.brux2(), 0, 200);
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(shortWindow)).getMessage()
                .contains("at least one patch of 200 samples"));
        Recording held = TokenizeFixtures.heldOut();
        List<Channel> renamed = new java.util.ArrayList<>(held.channels());
        renamed.set(1, renamed.get(1).withName("X"));
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(held.withChannels(renamed,
                Transform.of("rename")))).getMessage().contains("not fitted on channels [X]"));
        float[][] samples = held.samples();
        samples[0][5] = Float.NaN;
        assertThrows(SignalException.class, () -> tokenizer.encode(held.withSamples(samples, Transform.of("nan"))));
        assertArrayEquals(new int[] {5, 50}, new int[] {tokenizer.encode(held).rows(), tokenizer.encode(held).steps()});
    }
}

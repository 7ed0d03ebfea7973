package io.neurofm.tokenize.gru;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.dsp.Resampling;
import io.neurofm.signal.Channel;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import io.neurofm.tokenize.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny tokenizer (H = N = 16, K = 10, no usage regulariser: it doubles the step time) fitted once on 24 s of four real EEG channels
 * (eegmmidb, resampled to 250 Hz), held out on the next 6 s.
 */
class GruTokenizerTest {
    private static final int[] CHANNELS = {8, 10, 12, 30};
    private static final int TRAIN = 24 * 250;
    private static final int HELD_OUT = 6 * 250;
    private static final GruConfig CONFIG = GruConfig.defaults().withSize(16, 16, 10)
            .withTraining(125, 24, 200, 0).withEncoding(500, 100).withLearningRate(1e-2)
            .withUsageWeight(0).withRestarts(1);
    private static Recording train;
    private static Recording heldOut;
    private static GruTokenizer tokenizer;
    private static GruTokenizer trainedDecoder;
    private static final List<FitProgress> progress = new ArrayList<>();

    @BeforeAll
    static void fit() throws IOException {
        // A tiny GRU is a loop of tiny ops: one thread is 10x faster than two on the shared CI cores.
        GruBenchmark.preferSingleThreadedTorch();
        Recording eeg = Resampling.resample(Readers.read(TestData.file("eeg/eegmmidb_S001R01.edf"),
                OpenOptions.DEFAULT), 250.0);
        train = Segments.slice(eeg, 0, TRAIN, CHANNELS);
        heldOut = Segments.slice(eeg, TRAIN, TRAIN + HELD_OUT, CHANNELS);
        GruTokenizer.Fitted fitted = GruTokenizer.fitWithTrainedDecoder(List.of(train), CONFIG, progress::add);
        tokenizer = fitted.refit();
        trainedDecoder = fitted.trained();
    }

    @Test
    void trainingLowersTheReconstructionLoss() {
        assertEquals(CONFIG.steps(), progress.size());
        double first = progress.subList(0, 10).stream().mapToDouble(FitProgress::loss).average().orElseThrow();
        double last = progress.subList(progress.size() - 10, progress.size()).stream()
                .mapToDouble(FitProgress::loss).average().orElseThrow();
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
        assertEquals(1.0, progress.get(0).temperature(), 1e-12);
        assertEquals(0.0, progress.get(progress.size() - 1).temperature(), 1e-12);
    }

    @Test
    void restartsKeepTheRunWithTheLowestTrainingError() throws SignalException {
        GruConfig two = CONFIG.withTraining(CONFIG.window(), CONFIG.batch(), 40, 0).withRestarts(2).withSeed(5);
        List<FitProgress> seen = new ArrayList<>();
        GruTokenizer.Fitted fitted = GruTokenizer.fitWithTrainedDecoder(List.of(train), two, seen::add);
        assertEquals(2, fitted.restartErrors().size());
        assertEquals(80, seen.size());
        assertEquals(List.of(1, 2), seen.stream().map(FitProgress::restart).distinct().toList());
        int chosen = fitted.chosenRestart();
        double other = fitted.restartErrors().get(1 - chosen);
        assertTrue(Double.isNaN(other) || fitted.restartErrors().get(chosen) <= other, "kept the lower error "
                + fitted.restartErrors());
        // Not compared with a separate one-restart fit of the kept seed: fits are not always bit-reproducible
        // (intermittent non-finite batches are skipped, docs/gru.md), so that comparison failed in a full run.
        assertTrue(fitted.refit().liveTokens() >= 2, "the kept run has a usable vocabulary");
    }

    @Test
    void reconstructsHeldOutEeg() throws SignalException {
        Recording back = tokenizer.decode(tokenizer.encode(heldOut));
        double[] ve = GruBenchmark.varianceExplained(heldOut, back);
        double median = GruBenchmark.median(ve);
        System.out.println("gru test tokenizer: held-out variance explained " + Arrays.toString(ve) + ", live tokens "
                + tokenizer.liveTokens());
        // Measured median 0.90 (channels 0.80-0.91) with this seed and one torch thread; the bound leaves
        // room for the rounding differences of another thread count.
        assertTrue(median > 0.85, "median variance explained " + median + " per channel " + Arrays.toString(ve));
        assertEquals(heldOut.channelNames(), back.channelNames());
        assertEquals(250.0, back.samplingRate());
        assertEquals(heldOut.channel(0).unit(), back.channel(0).unit());
    }

    @Test
    void refactoredVocabularyIsDenseFromOne() throws SignalException {
        Tokens tokens = tokenizer.encode(heldOut);
        assertEquals(tokenizer.liveTokens() + 1, tokens.vocabularySize());
        assertTrue(tokenizer.liveTokens() <= CONFIG.vocabulary() && tokenizer.liveTokens() >= 2);
        for (int[] row : tokens.ids()) {
            for (int id : row) {
                assertTrue(id >= 1 && id < tokens.vocabularySize(), "id " + id);
            }
        }
        long[] counts = tokenizer.state().config().path("tokens").path("counts").valueStream()
                .mapToLong(n -> n.asLong()).toArray();
        for (int i = 1; i < counts.length; i++) {
            assertTrue(counts[i - 1] >= counts[i] && counts[i] > 0, "usage not sorted: " + Arrays.toString(counts));
        }
        assertEquals(1.0 / 250, tokens.stepSeconds(), 1e-15);
        assertEquals(heldOut.sampleCount(), tokens.steps());
    }

    @Test
    void stitchedEncodingEqualsEachWindowsInterior() throws SignalException {
        Tokens whole = tokenizer.encode(train);
        List<StitchPlan.Window> plan = StitchPlan.of(train.sampleCount(), CONFIG.encodeWindow(),
                CONFIG.encodeContext());
        assertTrue(plan.size() > 10);
        int covered = 0;
        for (StitchPlan.Window w : plan) {
            Tokens alone = tokenizer.encode(Segments.slice(train, w.start(), w.start() + w.length(), null));
            for (int r = 0; r < whole.rows(); r++) {
                assertArrayEquals(Arrays.copyOfRange(alone.ids()[r], w.keepFrom(), w.length()),
                        Arrays.copyOfRange(whole.ids()[r], w.keptStart(), w.keptEnd()), "window at " + w.start());
            }
            assertEquals(covered, w.keptStart());
            covered = w.keptEnd();
        }
        assertEquals(train.sampleCount(), covered);
    }

    @Test
    void savedAndReloadedTokenizerGivesIdenticalTokens(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gru.json");
        TokenizerFiles.save(tokenizer, file);
        Tokenizer loaded = TokenizerFiles.load(file);
        assertInstanceOf(GruTokenizer.class, loaded);
        Tokens before = tokenizer.encode(heldOut);
        Tokens after = loaded.encode(heldOut);
        for (int r = 0; r < before.rows(); r++) {
            assertArrayEquals(before.ids()[r], after.ids()[r]);
        }
        assertArrayEquals(tokenizer.decode(before).samples(), loaded.decode(after).samples());
    }

    @Test
    void tamperedStateIsRefusedWithItsReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gru.json");
        TokenizerFiles.save(tokenizer, file);
        Files.writeString(file, Files.readString(file).replace("\"kernel\" : 10", "\"kernel\" : 12"));
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> TokenizerFiles.load(file));
        assertTrue(e.getMessage().contains("decoder.weight"), e.getMessage());
    }

    @Test
    void badInputIsRefused() {
        Recording wrongRate = new Recording(heldOut.channels().stream().map(c -> c.withSamplingRate(256.0)).toList(),
                heldOut.samples(), 256.0, List.of(), null, null, 0, List.of());
        assertMessage(() -> tokenizer.encode(wrongRate), "250.0 Hz");
        assertMessage(() -> tokenizer.encode(Segments.slice(heldOut, 0, CONFIG.kernel() - 1, null)), "shorter");
        float[][] nan = heldOut.samples();
        nan[2][77] = Float.NaN;
        assertMessage(() -> tokenizer.encode(heldOut.withSamples(nan, Transform.of("corrupt"))), "sample 77");
        List<Channel> renamed = new ArrayList<>(heldOut.channels());
        renamed.set(1, renamed.get(1).withName("Nope"));
        assertMessage(() -> tokenizer.encode(heldOut.withChannels(renamed, Transform.of("rename"))), "Nope");
        assertMessage(() -> GruTokenizer.fit(List.of(Segments.slice(train, 0, 100, null)), CONFIG, null),
                "training window");
    }

    @Test
    void decodeRefusesForeignTokens() throws SignalException {
        Tokens tokens = tokenizer.encode(heldOut);
        int[][] ids = tokens.ids();
        ids[0][5] = tokens.vocabularySize();
        Tokens outOfRange = new Tokens(tokens.channels(), tokens.positions(), ids, null, null,
                tokens.vocabularySize(), tokens.stepSeconds(), tokens.samplingRate());
        assertMessage(() -> tokenizer.decode(outOfRange), "outside the vocabulary");
        Tokens otherVocabulary = new Tokens(tokens.channels(), tokens.positions(), tokens.ids(), null, null,
                tokens.vocabularySize() + 3, tokens.stepSeconds(), tokens.samplingRate());
        assertMessage(() -> tokenizer.decode(otherVocabulary), "not made by this gru tokenizer");
    }

    @Test
    void decoderRefitKeepsTheTokensAndDoesNotLoseOnTheTrainingData() throws SignalException {
        Tokens tokens = tokenizer.encode(train);
        assertArrayEquals(tokens.ids(), trainedDecoder.encode(train).ids());
        double refit = GruBenchmark.median(GruBenchmark.varianceExplained(train, tokenizer.decode(tokens)));
        double trained = GruBenchmark.median(GruBenchmark.varianceExplained(train, trainedDecoder.decode(tokens)));
        System.out.println("gru test tokenizer: training-data median variance explained " + trained
                + " with the trained decoder, " + refit + " after the least-squares refit");
        // Least squares minimises the summed squared error over all channels, not each channel's median:
        // allow a hair of slack.
        assertTrue(refit >= trained - 1e-3, trained + " -> " + refit);
    }

    /** The Java encoder against the libtorch forward pass it replaced, on real EEG and trained weights. */
    @Test
    void javaEncoderGivesTheLibtorchEncodersCodes() {
        List<float[]> sequences = new ArrayList<>();
        for (Recording r : List.of(train, heldOut)) {
            for (int c = 0; c < r.channelCount(); c++) {
                sequences.add(tokenizer.stats(r.channel(c).name()).zscore(r.channelData(c)));
            }
        }
        var weights = tokenizer.state().tensors();
        int[][] libtorch = CodeEncoder.encodeWithLibtorch(CONFIG, weights, sequences, null);
        int[][] java1 = CodeEncoder.encode(CONFIG, weights, sequences, null, 1);
        int[][] java2 = CodeEncoder.encode(CONFIG, weights, sequences, null, 2);
        assertArrayEquals(java1, java2, "thread count changed the codes");
        long differ = 0;
        long total = 0;
        for (int s = 0; s < libtorch.length; s++) {
            for (int t = 0; t < libtorch[s].length; t++) {
                total++;
                differ += libtorch[s][t] == java1[s][t] ? 0 : 1;
            }
        }
        System.out.println("gru test tokenizer: " + differ + " of " + total + " codes differ from libtorch's");
        // Float rounding differs (summation order, tanh approximation): a code may flip only at a
        // near-tie of the two best logits. Allow one in 10^4.
        assertTrue(differ * 10_000 <= total, differ + " of " + total + " codes differ from libtorch's");
    }

    @Test
    void tanhApproximationIsWithinFloatRounding() {
        double worst = 0;
        for (int i = -240_000; i <= 240_000; i++) {
            float v = i * 5e-5f;
            worst = Math.max(worst, Math.abs(FusedGruEncoder.tanhOf(v) - Math.tanh(v)));
        }
        assertTrue(worst < 5e-7, "max |error| " + worst);
        assertEquals(1f, FusedGruEncoder.tanhOf(100f), 1e-6f);
        assertEquals(-1f, FusedGruEncoder.tanhOf(-100f), 1e-6f);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertMessage(Call call, String fragment) {
        SignalException e = assertThrows(SignalException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}

package io.neurofm.tokenize.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Recording-level entry point, its refusals, Nyquist handling and the flat target layout. */
class NeurodynamicsStatisticsTest {
    private static Recording noise(double fs, int n, String... namesAndTypes) {
        Random rng = new Random(42);
        List<Channel> channels = new ArrayList<>();
        float[][] samples = new float[namesAndTypes.length][n];
        for (int c = 0; c < namesAndTypes.length; c++) {
            String[] parts = namesAndTypes[c].split(":");
            ChannelType type = parts.length > 1 ? ChannelType.valueOf(parts[1]) : ChannelType.EEG;
            channels.add(Channel.of(parts[0], type, fs));
            for (int t = 0; t < n; t++) {
                samples[c][t] = (float) (rng.nextGaussian() * 1e-5);
            }
        }
        return new Recording(channels, samples, fs, List.of(), RecordingIds.NONE, null, 0.0,
                List.of(Transform.of("synthetic", "kind", "gaussian noise")));
    }

    @Test
    void flatVectorFollowsTheDocumentedOrder() throws SignalException {
        Recording r = noise(160, 1600, "A", "B", "C");
        NeurodynamicsTargets t = NeurodynamicsStatistics.compute(r, 320, 640, NeurodynamicsConfig.DEFAULT);
        float[] flat = t.flat();
        List<String> labels = t.labels();
        assertEquals(NeurodynamicsTargets.flatLength(3, 5, 2), flat.length);
        assertEquals(15 + 3 + 3 + 6 + 3, flat.length);
        assertEquals(flat.length, labels.size());
        assertEquals((float) t.relativeBandPower()[1][2], flat[labels.indexOf("rbp/B/alpha")]);
        assertEquals((float) t.plv(1, 2), flat[labels.indexOf("plv/B/C")]);
        assertEquals((float) t.plv(0, 2), flat[labels.indexOf("plv/A/C")]);
        assertEquals((float) ((t.plv(0, 1) + t.plv(1, 2)) / 2), flat[labels.indexOf("plv_mean/B")], 1e-7);
        assertEquals((float) t.pac()[2][1], flat[labels.indexOf("pac/C/alpha-gamma")]);
        assertEquals((float) t.sampleEntropy()[0], flat[labels.indexOf("sampen/A")]);
        assertEquals(List.of("rbp/A/delta", "rbp/A/theta"), labels.subList(0, 2));
        assertEquals("sampen/C", labels.get(labels.size() - 1));
    }

    @Test
    void stimAndMiscChannelsAreLeftOut() throws SignalException {
        Recording r = noise(160, 800, "A", "STI:STIM", "B", "X:MISC");
        NeurodynamicsTargets t = NeurodynamicsStatistics.compute(r, 0, 640, NeurodynamicsConfig.DEFAULT);
        assertEquals(List.of("A", "B"), t.channels());
    }

    @Test
    void nonFiniteSamplesAreRefusedByChannelAndSample() {
        Recording clean = noise(160, 800, "A", "B");
        float[][] s = clean.samples();
        s[1][123] = Float.NaN;
        Recording r = clean.withSamples(s, Transform.of("corrupt"));
        SignalException e = assertThrows(SignalException.class,
                () -> NeurodynamicsStatistics.compute(r, 0, 640, NeurodynamicsConfig.DEFAULT));
        assertTrue(e.getMessage().contains("B (NaN at sample 123)"), e.getMessage());
        // a window that does not reach the NaN is fine
        assertTrue(assertDoesNotThrow(r, 0, 120));
    }

    private static boolean assertDoesNotThrow(Recording r, int start, int length) {
        try {
            NeurodynamicsStatistics.compute(r, start, length, NeurodynamicsConfig.DEFAULT.withWelchSegmentSeconds(0.5));
            return true;
        } catch (SignalException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void windowsShorterThanAWelchSegmentOrOutsideTheRecordingAreRefused() {
        Recording r = noise(160, 800, "A", "B");
        SignalException shortWindow = assertThrows(SignalException.class,
                () -> NeurodynamicsStatistics.compute(r, 0, 159, NeurodynamicsConfig.DEFAULT));
        assertTrue(shortWindow.getMessage().contains("shorter than the Welch segment of 160 samples"),
                shortWindow.getMessage());
        SignalException outside = assertThrows(SignalException.class,
                () -> NeurodynamicsStatistics.compute(r, 400, 640, NeurodynamicsConfig.DEFAULT));
        assertTrue(outside.getMessage().contains("outside the recording"), outside.getMessage());
        NeurodynamicsStatistics plan = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT, 256, 640);
        SignalException rate = assertThrows(SignalException.class, () -> plan.compute(r, 0));
        assertTrue(rate.getMessage().contains("256.0 Hz"), rate.getMessage());
    }

    @Test
    void welchBinsTooCoarseForABandAreRefused() {
        // 0.2 s segments at 160 Hz: bins every 5 Hz, none in delta [1, 4)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeurodynamicsStatistics
                .plan(NeurodynamicsConfig.DEFAULT.withWelchSegmentSeconds(0.2), 160, 640));
        assertTrue(e.getMessage().contains("delta") && e.getMessage().contains("no Welch bin"), e.getMessage());
    }

    @Test
    void gammaAboveNyquistIsClippedOrRefusedAsConfigured() throws SignalException {
        Recording r = noise(128, 512, "A", "B");
        SignalException refused = assertThrows(SignalException.class, () -> NeurodynamicsStatistics.compute(r, 0, 512,
                NeurodynamicsConfig.DEFAULT.withNyquist(NyquistPolicy.REFUSE)));
        assertTrue(refused.getMessage().contains("gamma") && refused.getMessage().contains("Nyquist"),
                refused.getMessage());

        NeurodynamicsStatistics clip = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT, 128, 512);
        assertTrue(clip.pacAmplitudeFilter().isHighpass());
        assertEquals(64.0, clip.pacAmplitudeFilter().effectiveHigh());
        // gamma power covers bins 30..63 Hz: the Nyquist bin (64 Hz) never belongs to a band
        int gamma = 4;
        assertEquals(30.0, clip.welch().frequency(clip.bandPower().firstBin(gamma)));
        assertEquals(34, clip.bandPower().binCount(gamma));
        NeurodynamicsTargets t = clip.compute(r, 0);
        assertTrue(t.relativeBandPower()[0][gamma] > 0.4, "white noise puts most of 1-64 Hz in 30-64 Hz");
    }

    @Test
    void gammaEndingExactlyAtNyquistIsAHighpassUnderBothPolicies() {
        for (NyquistPolicy p : NyquistPolicy.values()) {
            NeurodynamicsStatistics plan = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT.withNyquist(p),
                    160, 640);
            assertTrue(plan.pacAmplitudeFilter().isHighpass());
            assertEquals(80.0, plan.pacAmplitudeFilter().effectiveHigh());
            assertFalse(plan.plvFilter().isHighpass());
        }
    }

    @Test
    void oneSignalChannelAndFlatChannelsAreRefused() {
        SignalException one = assertThrows(SignalException.class, () -> NeurodynamicsStatistics
                .compute(noise(160, 800, "A", "S:STIM"), 0, 640, NeurodynamicsConfig.DEFAULT));
        assertTrue(one.getMessage().contains("at least two channels"), one.getMessage());

        Recording clean = noise(160, 800, "A", "B");
        float[][] s = clean.samples();
        java.util.Arrays.fill(s[0], 2e-6f);
        SignalException flat = assertThrows(SignalException.class, () -> NeurodynamicsStatistics
                .compute(clean.withSamples(s, Transform.of("flatten")), 0, 640, NeurodynamicsConfig.DEFAULT));
        assertTrue(flat.getMessage().contains("channel A is flat"), flat.getMessage());
    }

    @Test
    void aPlanSharedByThreadsGivesTheSameTargetsAsOneThread() throws SignalException {
        Recording r = NdsGolden.recording("brux2");
        int n = 256;
        NeurodynamicsStatistics plan = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT.withWelchSegmentSeconds(0.5),
                r.samplingRate(), n);
        List<NeurodynamicsTargets> sequential = new ArrayList<>();
        for (int w = 0; w < 12; w++) {
            sequential.add(plan.compute(r, w * 64));
        }
        List<NeurodynamicsTargets> parallel = IntStream.range(0, 12).parallel().mapToObj(w -> {
            try {
                return plan.compute(r, w * 64);
            } catch (SignalException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(sequential, parallel);
    }
}

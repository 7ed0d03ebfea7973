package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Shared real recordings cut into training and held-out parts, and checks every tokenizer test makes. */
final class TokenizeFixtures {
    private static Recording brux2;

    private TokenizeFixtures() {
    }

    /** capslpdb_brux2_100s.edf: 5 bipolar EEG channels, 256 Hz, 100 s. */
    static synchronized Recording brux2() {
        if (brux2 == null) {
            try {
                brux2 = Readers.read(TestData.file("eeg/capslpdb_brux2_100s.edf"), OpenOptions.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return brux2;
    }

    static Recording slice(Recording r, int from, int to) {
        float[][] out = new float[r.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = Arrays.copyOfRange(r.channelData(c), from, to);
        }
        return r.withSamples(out, Transform.of("slice", "from", from, "to", to));
    }

    /** First 50 s. */
    static Recording training() {
        return slice(brux2(), 0, 50 * 256);
    }

    /** Last 50 s. */
    static Recording heldOut() {
        return slice(brux2(), 50 * 256, 100 * 256);
    }

    /** 1 - residual energy / energy about each channel's mean, pooled over channels. */
    static double varianceExplained(Recording original, Recording reconstructed) {
        assertEquals(original.channelNames(), reconstructed.channelNames());
        assertEquals(original.sampleCount(), reconstructed.sampleCount());
        double residual = 0;
        double total = 0;
        for (int c = 0; c < original.channelCount(); c++) {
            float[] x = original.channelData(c);
            float[] y = reconstructed.channelData(c);
            double mean = 0;
            for (float v : x) {
                mean += v;
            }
            mean /= x.length;
            for (int t = 0; t < x.length; t++) {
                residual += (x[t] - (double) y[t]) * (x[t] - (double) y[t]);
                total += (x[t] - mean) * (x[t] - mean);
            }
        }
        return 1 - residual / total;
    }

    /** Saves the tokenizer, loads it back and checks it gives exactly the same tokens. */
    static Tokenizer roundTrip(Tokenizer tokenizer, Recording window, Path dir) throws IOException {
        Path file = dir.resolve(tokenizer.type() + ".json");
        TokenizerFiles.save(tokenizer, file);
        Tokenizer loaded = TokenizerFiles.load(file);
        assertEquals(tokenizer.type(), loaded.type());
        assertSameTokens(tokenizer.encode(window), loaded.encode(window));
        return loaded;
    }

    static void assertSameTokens(Tokens a, Tokens b) {
        assertEquals(a.channels(), b.channels());
        assertEquals(a.positions(), b.positions());
        assertEquals(a.vocabularySize(), b.vocabularySize());
        assertEquals(a.stepSeconds(), b.stepSeconds());
        assertEquals(a.samplingRate(), b.samplingRate());
        assertEquals(a.isDiscrete(), b.isDiscrete());
        for (int r = 0; r < a.rows(); r++) {
            if (a.isDiscrete()) {
                assertArrayEquals(a.ids()[r], b.ids()[r], "row " + r);
            } else {
                for (int s = 0; s < a.steps(); s++) {
                    assertArrayEquals(a.vectors()[r][s], b.vectors()[r][s], "row " + r + " step " + s);
                }
            }
            for (int s = 0; s < a.steps(); s++) {
                assertEquals(a.isValid(r, s), b.isValid(r, s));
            }
        }
    }
}

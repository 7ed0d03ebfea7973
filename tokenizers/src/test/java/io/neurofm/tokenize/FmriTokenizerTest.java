package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.dsp.Statistics;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import io.neurofm.signal.io.nifti.AtlasLabels;
import io.neurofm.signal.io.nifti.AtlasTimeSeries;
import io.neurofm.signal.io.nifti.NiftiReader;
import io.neurofm.signal.io.npy.NpzRecordingWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmriTokenizerTest {
    private static Recording csv(double tr) throws Exception {
        return Readers.read(TestData.file("fmri/fmri_timeseries.csv"), OpenOptions.withRepetitionTime(tr));
    }

    @ParameterizedTest
    @CsvSource({"0.735, 48", "1.47, 24", "2.205, 16", "2.94, 12", "1.89, 19"})
    void eachTokenCovers35SecondsWhateverTheRepetitionTime(double tr, int length) throws Exception {
        Recording r = csv(tr);
        FmriTokenizer tokenizer = FmriTokenizer.fit(List.of(r), FmriTokenizer.DEFAULT_DURATION_SECONDS);
        assertEquals(length, tokenizer.patchLength(tr));
        Tokens tokens = tokenizer.encode(r);
        int steps = (250 + length - 1) / length;
        assertEquals(31, tokens.rows());
        assertEquals(steps, tokens.steps());
        assertEquals(length, tokens.dimension());
        assertEquals(length * tr, tokens.stepSeconds(), 1e-9);
        boolean partial = 250 % length != 0;
        for (int row = 0; row < 31; row++) {
            for (int s = 0; s < steps; s++) {
                assertEquals(!(partial && s == steps - 1), tokens.isValid(row, s), "row " + row + " step " + s);
            }
        }
        if (partial) {
            float[] last = tokens.vectors()[3][steps - 1];
            for (int i = 250 % length; i < length; i++) {
                assertEquals(0f, last[i], "padding is zero");
            }
        }
    }

    @Test
    void valuesAreEachRoiRobustScaledOverTheWindow() throws Exception {
        Recording r = csv(1.89);
        Tokens tokens = FmriTokenizer.fit(List.of(r), 35.28).encode(r);
        for (int c : new int[] {0, 10, 30}) {
            double[] sorted = Statistics.sorted(r.channelData(c));
            double median = Statistics.medianOfSorted(sorted);
            double iqr = Statistics.percentileOfSorted(sorted, 75) - Statistics.percentileOfSorted(sorted, 25);
            for (int t : new int[] {0, 18, 19, 100, 249}) {
                assertEquals((r.sample(c, t) - median) / iqr, tokens.vectors()[c][t / 19][t % 19], 1e-5,
                        r.channel(c).name() + " volume " + t);
            }
        }
        assertEquals(r.channelNames(), tokens.channels());
    }

    @Test
    void mixedRepetitionTimesBatchWithPaddingAndMasks() throws Exception {
        FmriTokenizer tokenizer = FmriTokenizer.fit(List.of(csv(0.735)), 35.28);
        Tokens fast = tokenizer.encode(csv(0.735));
        Tokens slow = tokenizer.encode(csv(2.94));
        TokenBatch batch = TokenBatch.pad(List.of(fast, slow));
        assertArrayEquals(new int[] {48, 12}, batch.lengths());
        assertEquals(21, batch.vectors()[0][0].length, "steps padded to the longer window's 21");
        assertEquals(48, batch.vectors()[1][0][0].length);
        assertArrayEquals(slow.vectors()[5][3], java.util.Arrays.copyOf(batch.vectors()[1][5][3], 12));
        assertEquals(0f, batch.vectors()[1][5][3][12]);
        assertTrue(batch.valid()[0][0][4]);
        assertFalse(batch.valid()[0][0][5], "the partial 6th patch of the fast scan");
        assertFalse(batch.valid()[0][0][6], "past the fast scan's 6 patches");
        assertTrue(batch.valid()[1][0][19]);
        assertFalse(batch.valid()[1][0][20]);
    }

    @Test
    void niftiWithAnAtlasAndNpzInputsTokenise(@TempDir Path dir) throws Exception {
        NiftiReader reader = new NiftiReader();
        Recording rois = AtlasTimeSeries.compute(reader.read(TestData.file("fmri/nibabel_functional.nii")),
                reader.read(TestData.file("mri/aal.nii.gz")), AtlasLabels.read(TestData.file("mri/aal.nii.txt")),
                AtlasTimeSeries.EmptyRois.DROP, OpenOptions.DEFAULT);
        FmriTokenizer tokenizer = FmriTokenizer.fit(List.of(rois), 35.28);
        Tokens tokens = tokenizer.encode(rois);
        assertEquals(26, tokens.rows(), "the AAL regions the SPM-normalised image covers");
        assertEquals(18, tokens.dimension(), "round(35.28 / 2)");
        assertEquals(2, tokens.steps(), "20 volumes: one whole patch and a partial one");
        assertFalse(tokens.isValid(0, 1));

        Path npz = dir.resolve("rois.npz");
        Recording table = csv(1.89);
        NpzRecordingWriter.write(table, npz);
        Recording fromNpz = Readers.read(npz, OpenOptions.DEFAULT);
        FmriTokenizer csvTokenizer = FmriTokenizer.fit(List.of(table), 35.28);
        TokenizeFixtures.assertSameTokens(csvTokenizer.encode(table), csvTokenizer.encode(fromNpz));
    }

    @Test
    void refusesAnotherParcellationAndNan() throws Exception {
        Recording r = csv(1.89);
        FmriTokenizer tokenizer = FmriTokenizer.fit(List.of(r), 35.28);
        List<io.neurofm.signal.Channel> renamed = new ArrayList<>(r.channels());
        renamed.set(2, renamed.get(2).withName("Precuneus_L"));
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(r.withChannels(renamed,
                Transform.of("rename")))).getMessage().contains("unknown ROIs [Precuneus_L]"));
        float[][] samples = r.samples();
        samples[7][3] = Float.NaN;
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(r.withSamples(samples,
                Transform.of("nan")))).getMessage().contains("non-finite"));
    }

    @Test
    void savedAndLoadedGivesIdenticalTokens(@TempDir Path dir) throws Exception {
        Recording r = csv(2.205);
        Tokenizer loaded = TokenizeFixtures.roundTrip(FmriTokenizer.fit(List.of(r), 35.28), r, dir);
        assertEquals(35.28, ((FmriTokenizer) loaded).durationSeconds());
        assertFalse(loaded.invertible());
    }
}

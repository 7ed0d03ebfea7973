package io.neurofm.family.brainharmonix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import io.neurofm.family.Pretrainable;
import io.neurofm.nn.StateDict;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.Volume;
import io.neurofm.signal.io.nifti.NiftiReader;
import io.neurofm.tokenize.FmriTokenizer;
import io.neurofm.tokenize.TokenBatch;
import io.neurofm.tokenize.Tokens;
import io.neurofm.tokenize.VolumePatchTokenizer;
import io.neurofm.tokenize.VolumePatches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real inputs: ROI series from fmri/fmri_timeseries.csv (8 ROIs) tokenised by FmriTokenizer at two
 * TRs — samples 0..119 read at TR 1.89 s (19 volumes per token: 6 valid tokens and a partial
 * one) and samples 120..209 read as if at TR 2.94 s (12 volumes per token: 7 valid and a partial)
 * — padded with TokenBatch (8 ROIs x 8 steps x 19 values); the CSV has no ROI coordinates. T1:
 * mri/ch2.nii.gz and mri/nibabel_anatomical.nii through VolumePatchTokenizer on a 32^3 grid with 8^3
 * patches (64 patches of 512 values).
 */
final class HarmonixFixtures {
    static final List<String> ROIS = List.of("LCau", "LPut", "LThal", "LFpol", "LAng", "LSupraM", "LMTG", "LHip");
    static final double[] TRS = {1.89, 2.94};

    private static TokenBatch fmri;
    private static List<VolumePatches> t1;

    private HarmonixFixtures() {}

    static Path data(String relative) {
        Path file = Path.of(System.getProperty("neurofm.data", "../../shared/data")).resolve(relative);
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    static synchronized TokenBatch fmriTokens() {
        if (fmri == null) {
            try {
                Recording a = read(TRS[0], 0, 120);
                Recording b = read(TRS[1], 120, 90);
                FmriTokenizer tokenizer = FmriTokenizer.fit(List.of(a), FmriTokenizer.DEFAULT_DURATION_SECONDS);
                Tokens ta = tokenizer.encode(a);
                Tokens tb = tokenizer.encode(b);
                fmri = TokenBatch.pad(List.of(ta, tb));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fmri;
    }

    private static Recording read(double tr, long start, long count) throws IOException {
        try (SignalFile f = Readers.open(data("fmri/fmri_timeseries.csv"), OpenOptions.withRepetitionTime(tr))) {
            return f.read(ReadRequest.window(start, count).withChannels(ROIS));
        }
    }

    static synchronized List<VolumePatches> t1Patches() {
        if (t1 == null) {
            try {
                NiftiReader reader = new NiftiReader();
                Volume ch2 = reader.read(data("mri/ch2.nii.gz"));
                Volume anatomical = reader.read(data("mri/nibabel_anatomical.nii"));
                int[] grid = {32, 32, 32};
                VolumePatchTokenizer tokenizer = VolumePatchTokenizer.fit(List.of(ch2, anatomical), grid, 8);
                t1 = List.of(tokenizer.encode(ch2), tokenizer.encode(anatomical));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return t1;
    }

    /** The mixed-TR fMRI batch with a JEPA time-block mask from {@code seed}. */
    static NDList fmriBatch(NDManager manager, long seed) {
        TokenBatch tokens = fmriTokens();
        float[][][] target = JepaMasking.timeBlock(tokens.valid(), 0.25, new Random(seed));
        return FmriBatch.of(manager, tokens, TRS, null, target);
    }

    static NDList t1Batch(NDManager manager, long seed) {
        float[][] mask = T1Batch.randomMask(2, 64, 0.75, new Random(seed));
        return T1Batch.of(manager, t1Patches(), mask);
    }

    /** Six fMRI arrays + T1 patches + grid. */
    static NDList fusionBatch(NDManager manager) {
        NDList f = FmriBatch.of(manager, fmriTokens(), TRS, null, null);
        NDList t = T1Batch.of(manager, t1Patches(), null);
        f.addAll(t);
        return f;
    }

    static BrainHarmonixModel tiny(NDManager manager, int seed) {
        manager.getEngine().setRandomSeed(seed);
        BrainHarmonixModel model = new BrainHarmonixModel(BrainHarmonixPreset.TINY.config());
        model.initialize(manager);
        return model;
    }

    static float backward(Pretrainable stage, NDManager manager, NDList batch) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = stage.loss(new ParameterStore(manager, false), batch, true);
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Squared gradient norms of the block's parameters (all must be finite). */
    static Map<String, Double> gradientNorms(Block block) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : StateDict.parameters(block).entrySet()) {
            double norm = 0;
            for (float v : e.getValue().getArray().getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(v), e.getKey() + " has a non-finite gradient");
                norm += (double) v * v;
            }
            out.put(e.getKey(), norm);
        }
        return out;
    }

    /** One optimizer step over the stage's block, as a training loop does; returns the loss. */
    static float step(Pretrainable stage, Optimizer optimizer, NDManager manager, NDList batch) {
        float value = backward(stage, manager, batch);
        for (Parameter p : StateDict.parameters(stage.block()).values()) {
            NDArray gradient = p.getArray().getGradient();
            optimizer.update(p.getId(), p.getArray(), gradient);
            gradient.muli(0);
        }
        return value;
    }
}

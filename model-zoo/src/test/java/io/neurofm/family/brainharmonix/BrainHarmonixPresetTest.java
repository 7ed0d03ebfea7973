package io.neurofm.family.brainharmonix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.neurofm.nn.StateDict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Parameter counts against hand formulas, the issue's BASE shape, invalid configs. */
class BrainHarmonixPresetTest {
    /** One pre-LN stack of L layers with final LayerNorm: L(4d² + 4d + 2d·f + f + 5d) + 2d. */
    static long stack(long d, long f, long layers) {
        return layers * (4 * d * d + 4 * d + 2 * d * f + f + 5 * d) + 2 * d;
    }

    static long fmriEncoder(BrainHarmonixConfig c) {
        long d = c.fmriEncoder().dModel();
        return c.fmriPatchSamples() * d + d + d / 2 + stack(d, c.fmriEncoder().ffDim(), c.fmriEncoder().layers());
    }

    static long predictor(BrainHarmonixConfig c) {
        long d = c.fmriEncoder().dModel();
        long p = c.fmriPredictor().dModel();
        return (d * p + p) + p + p / 2 + stack(p, c.fmriPredictor().ffDim(), c.fmriPredictor().layers()) + (p * d + d);
    }

    static long t1Encoder(BrainHarmonixConfig c) {
        long d = c.t1Encoder().dModel();
        return c.t1PatchVoxels() * d + d + stack(d, c.t1Encoder().ffDim(), c.t1Encoder().layers());
    }

    static long t1Decoder(BrainHarmonixConfig c) {
        long d = c.t1Encoder().dModel();
        long e = c.t1Decoder().dModel();
        long v = c.t1PatchVoxels();
        return (d * e + e) + e + stack(e, c.t1Decoder().ffDim(), c.t1Decoder().layers()) + (e * v + v);
    }

    static long fusion(BrainHarmonixConfig c) {
        long f = c.fusion().dModel();
        long m = c.fmriEncoder().dModel();
        long t = c.t1Encoder().dModel();
        long q = c.hubDecoder().dModel();
        long hubsAndModalities = c.hubs() * f + 2 * f;
        long projections = (m * f + f) + (t * f + f);
        long decoder = 2 * q + (f * q + q) + stack(q, c.hubDecoder().ffDim(), c.hubDecoder().layers())
                + (q * m + m) + (q * t + t);
        return hubsAndModalities + projections + stack(f, c.fusion().ffDim(), c.fusion().layers()) + decoder;
    }

    static long total(BrainHarmonixConfig c) {
        return 2 * fmriEncoder(c) + predictor(c) + t1Encoder(c) + t1Decoder(c) + fusion(c);
    }

    private static long count(Block block) {
        long n = 0;
        for (Parameter p : StateDict.parameters(block).values()) {
            n += p.getArray().size();
        }
        return n;
    }

    private static void assertCounts(BrainHarmonixConfig c) {
        try (NDManager manager = NDManager.newBaseManager()) {
            BrainHarmonixModel model = new BrainHarmonixModel(c);
            model.initialize(manager);
            BrainHarmonixNetwork n = model.network();
            assertEquals(fmriEncoder(c), count(n.fmriEncoder), "fMRI encoder");
            assertEquals(fmriEncoder(c), count(n.fmriTarget), "EMA target");
            assertEquals(predictor(c), count(n.fmriPredictor), "predictor");
            assertEquals(t1Encoder(c), count(n.t1Encoder), "T1 encoder");
            assertEquals(t1Decoder(c), count(n.t1Decoder), "T1 decoder");
            assertEquals(fusion(c), count(n.fusion), "fusion");
            assertEquals(total(c), count(n), "whole model");
            assertEquals(fmriEncoder(c) + predictor(c), count(model.stage(Stage.FMRI_JEPA).block()));
            assertEquals(t1Encoder(c) + t1Decoder(c), count(model.stage(Stage.T1_MAE).block()));
            assertEquals(fusion(c), count(model.stage(Stage.FUSION).block()));
        }
    }

    @Test
    void tinyCounts() {
        assertCounts(BrainHarmonixPreset.TINY.config());
    }

    @Test
    void smallCounts() {
        assertCounts(BrainHarmonixPreset.SMALL.config());
    }

    @Test
    @Tag("slow")
    void baseCounts() {
        assertCounts(BrainHarmonixPreset.BASE.config());
    }

    @Test
    void baseHasTheIssueShape() {
        BrainHarmonixConfig c = BrainHarmonixPreset.BASE.config();
        for (EncoderShape s : new EncoderShape[] {c.fmriEncoder(), c.t1Encoder()}) {
            assertEquals(12, s.layers());
            assertEquals(768, s.dModel());
            assertEquals(12, s.heads());
        }
        assertEquals(128, c.hubs());
        assertEquals(8, BrainHarmonixPreset.TINY.config().hubs());
    }

    @Test
    void invalidConfigsAreRefused() {
        BrainHarmonixConfig t = BrainHarmonixPreset.TINY.config();
        assertThrows(IllegalArgumentException.class, () -> t.withMomentum(1f));
        assertThrows(IllegalArgumentException.class, () -> t.withT1PatchVoxels(0));
        assertThrows(IllegalArgumentException.class, () -> new EncoderShape(66, 4, 128, 1));
        assertThrows(IllegalArgumentException.class, () -> new EncoderShape(64, 4, 128, 0));
    }
}

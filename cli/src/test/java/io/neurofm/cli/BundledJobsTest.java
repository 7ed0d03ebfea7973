package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.family.brainharmonix.BrainHarmonixPreset;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.family.meggpt.MegGptPreset;
import io.neurofm.pretrain.PretrainJobConfig;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bundled job parses, and its size names a preset whose shape fits the job's windows. */
class BundledJobsTest {
    @ParameterizedTest
    @ValueSource(strings = {"meggpt-tiny", "deeperbrain-tiny", "brainharmonix-tiny", "meggpt-base",
            "deeperbrain-base", "brainharmonix-base"})
    void parsesAndFitsItsPreset(String name) throws Exception {
        PretrainJobConfig job = PretrainCommand.bundled(name);
        assertEquals(name, job.modelName());
        assertTrue(name.startsWith(job.family() + "-") && name.endsWith("-" + job.size()), name);
        String preset = job.size().toUpperCase(Locale.ROOT);
        switch (job.family()) {
            case "meggpt" -> {
                var config = MegGptPreset.valueOf(preset).config();
                assertTrue(job.windowSamples() == null || job.windowSamples() <= config.maxLength());
                assertEquals(128.0, job.resample());
            }
            case "deeperbrain" -> {
                var config = DeeperBrainPreset.valueOf(preset).config();
                assertEquals(0, job.windowSamples() % config.patchLength(), "whole 1 s patches");
                assertEquals(config.patchLength(), job.resample(), 0, "L = 1 s at the job's rate");
                assertEquals(0.5, job.deeperbrain().bandPass().get(0));
            }
            case "brainharmonix" -> {
                var config = BrainHarmonixPreset.valueOf(preset).config();
                int p = job.brainharmonix().t1Patch();
                assertEquals(config.t1PatchVoxels(), p * p * p, "T1 patches are the preset's p^3");
                assertEquals(0, job.brainharmonix().t1Grid() % p);
            }
            default -> throw new AssertionError(job.family());
        }
    }

    /**
     * deeperbrain-tiny-recon is the DeeperBrain question's control: the same job with the statistics
     * (NSP) loss switched off, so a probe difference between the two can only come from that loss.
     */
    @Test
    void reconstructionTwinDiffersOnlyInNspWeightAndName() throws Exception {
        PretrainJobConfig nsp = PretrainCommand.bundled("deeperbrain-tiny");
        PretrainJobConfig recon = PretrainCommand.bundled("deeperbrain-tiny-recon");
        assertTrue(PretrainCommand.BUNDLED.contains("deeperbrain-tiny-recon"));
        assertEquals(1.0, nsp.deeperbrain().nspWeight());
        assertEquals(0.0, recon.deeperbrain().nspWeight());
        assertEquals("deeperbrain-tiny-recon", recon.modelName());
        assertNotEquals(nsp.runDir(), recon.runDir());
        PretrainJobConfig.DeeperBrain d = recon.deeperbrain();
        PretrainJobConfig.DeeperBrain withNsp = new PretrainJobConfig.DeeperBrain(d.bandPass(),
                nsp.deeperbrain().nspWeight(), d.maskRatio());
        PretrainJobConfig renamed = new PretrainJobConfig(recon.family(), recon.size(), recon.dataRoot(),
                recon.inputs(), recon.resample(), recon.tokenizer(), recon.windowSamples(), recon.strideSamples(),
                recon.channelsPerSample(), recon.validationFraction(), recon.splitUnit(),
                recon.maxValidationSamples(), recon.training(), nsp.runDir(), recon.registry(), nsp.modelName(),
                withNsp, recon.brainharmonix());
        assertEquals(nsp, renamed);
    }
}

package io.neurofm.tokenize.gru;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.TestData;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The acceptance run (about 11 minutes): fit on the first 80% of the two shared EEG
 * recordings for 10 minutes, reconstruct the last 20% with at least 95% median variance explained.
 */
@Tag("slow")
class GruAcceptanceTest {
    @Test
    void tenMinuteFitReconstructsHeldOutEeg() throws IOException {
        GruBenchmark.preferSingleThreadedTorch();
        GruBenchmark.Result result = GruBenchmark.run(GruBenchmark.acceptance(TestData.root(), DecoderPadding.SAME),
                null);
        System.out.println(new ObjectMapper().writeValueAsString(result));
        assertTrue(result.medianVarianceExplained() >= 0.95, "median variance explained "
                + result.medianVarianceExplained());
    }
}

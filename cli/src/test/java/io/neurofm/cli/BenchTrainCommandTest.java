package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The verb runs end to end on a tiny shape and prints one JSON line with the promised fields. */
class BenchTrainCommandTest {
    @Test
    void printsOneJsonLineWithThroughputAndStepTime() {
        CliRun run = CliRun.of("bench", "train", "--d-model", "16", "--layers", "1", "--heads", "2", "--ff", "32",
                "--seq", "8", "--batch", "2", "--features", "4", "--steps", "2", "--warmup", "1");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(1, lines.length, run.out());
        JsonNode json = JsonMapper.builder().build().readTree(lines[0]);
        assertTrue(json.get("tokens_per_s").asDouble() > 0, lines[0]);
        assertTrue(json.get("step_ms").asDouble() > 0, lines[0]);
        assertEquals(16, json.get("d_model").asInt());
        // input 4*16+16; layer: in_proj 3*16*16+3*16, out_proj 16*16+16, linear1 32*16+32,
        // linear2 16*32+16, two norms 4*16; output 16*4+4
        assertEquals(4 * 16 + 16 + (3 * 16 * 16 + 3 * 16 + 16 * 16 + 16 + 32 * 16 + 32 + 16 * 32 + 16 + 4 * 16) + 16 * 4 + 4, json.get("parameters").asLong());
    }
}

package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** corpus build and inspect as a user runs them: a tokenizer from the CLI, a spec with a subject map. */
class CorpusCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void ok(CliRun run) {
        assertEquals(0, run.exitCode(), run.err() + run.out());
    }

    @Test
    void buildThenInspectThenRefuseACorruptedShard(@TempDir Path dir) throws Exception {
        String brux = DataPaths.sharedFile("eeg/capslpdb_brux2_100s.edf").toString();
        String stim = DataPaths.sharedFile("eeg/test_edf_stim_channel.edf").toString();
        ok(CliRun.of("tokenizer", "fit", "--type", "mulaw", "--resample", "128", "--out",
                dir.resolve("mulaw.json").toString(), brux, stim));
        Files.writeString(dir.resolve("spec.json"), """
                {"inputs": [{"path": "%s", "subject": "A"}, {"path": "%s", "subject": "B"}],
                 "read": {"resample": 128},
                 "preprocess": {"bandpass": {"low": 0.5, "high": 40}},
                 "tokenizer": "mulaw.json", "windowSeconds": 4, "strideSeconds": 4,
                 "validationFraction": 0.5, "splitUnit": "subject", "seed": 1}
                """.formatted(brux, stim));
        Path out = dir.resolve("corpus");
        CliRun build = CliRun.of("corpus", "build", "--spec", dir.resolve("spec.json").toString(), "--out",
                out.toString());
        ok(build);
        JsonNode m = JSON.readTree(Files.readString(out.resolve("manifest.json")));
        long train = m.get("split").get("train_windows").asLong();
        long validation = m.get("split").get("validation_windows").asLong();
        assertTrue(build.out().contains(train + " train windows, " + validation + " validation windows"), build.out());
        assertEquals(1, m.get("split").get("validation_groups").size());
        assertEquals("bandpass", m.get("preprocessing").get(0).get("step").asString());

        CliRun inspect = CliRun.of("corpus", "inspect", out.toString());
        ok(inspect);
        assertTrue(inspect.out().contains("split by subject"), inspect.out());
        assertTrue(inspect.out().contains("train: " + train + " windows"), inspect.out());
        assertTrue(inspect.out().contains("int32 5 x 512"), inspect.out());
        String shard = m.get("shards").get(0).get("file").asString();
        assertTrue(inspect.out().contains(m.get("shards").get(0).get("sha256").asString()), inspect.out());

        byte[] bytes = Files.readAllBytes(out.resolve(shard));
        bytes[bytes.length / 2] ^= 1;
        Files.write(out.resolve(shard), bytes);
        CliRun refused = CliRun.of("corpus", "inspect", out.toString());
        assertEquals(ErrorReporter.USER_ERROR, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains(shard) && refused.err().contains("sha256"), refused.err());
        ok(CliRun.of("corpus", "inspect", "--verify", "size", out.toString()));
    }
}

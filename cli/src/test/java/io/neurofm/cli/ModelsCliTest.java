package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.Checksums;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.montage.Montage;
import io.neurofm.montage.StandardMontage;
import io.neurofm.nn.TransformerConfig;
import io.neurofm.nn.TransformerStack;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** models list / show / verify against a registry holding a real tiny artifact. */
class ModelsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path shared;
    private static Path artifact;
    private static Path registry;

    @BeforeAll
    static void registerTwoVersions() throws IOException {
        Recording r = Readers.read(DataPaths.sharedFile("eeg/eegmmidb_S001R01.edf"), OpenOptions.DEFAULT);
        r = Montage.applyStandard(r, StandardMontage.TEN_TEN).recording();
        ObjectNode hp = JSON.createObjectNode().put("dModel", 16).put("layers", 1);
        ModelCard card = new ModelCard("Tiny CLI model", "Seeded weights for CLI tests.", "None.", "None.",
                Map.of("training steps", 0.0), "CLI tests only.", "Untrained.");
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(5);
            TransformerStack stack = new TransformerStack(new TransformerConfig(16, 2, 32, 0f, false), 1, true);
            stack.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 16));
            artifact = new ArtifactWriter(ArtifactConfig.of("transformer-test", "tiny", hp),
                    PreprocessingSpec.of(r, java.util.List.of(FilterSpec.bandpass(0.5, 40, 4)), null), card, stack)
                    .writeDirectory(shared.resolve("tiny"));
        }
        registry = shared.resolve("registry");
        ModelRegistry models = new ModelRegistry(registry);
        models.register(artifact, "tiny");
        models.register(artifact, "tiny");
    }

    @Test
    void listShowsEveryVersionAsTableAndJson() throws Exception {
        CliRun table = CliRun.of("models", "list", "--registry", registry.toString());
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("registry " + registry.toAbsolutePath()), table.out());
        assertTrue(table.out().matches("(?s).*\\ntiny +1 +transformer-test +tiny +\\S+ +Tiny CLI model\\n.*"), table.out());
        assertTrue(table.out().matches("(?s).*\\ntiny +2 +transformer-test .*"), table.out());

        CliRun json = CliRun.of("models", "list", "--json", "--registry", registry.toString());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode root = JSON.readTree(json.out());
        assertEquals(2, root.get("models").size());
        JsonNode first = root.get("models").get(0);
        assertEquals("1", first.get("version").asString());
        assertEquals(16, first.get("config").get("hyperparameters").get("dModel").asInt());
        assertEquals("CLI tests only.", first.get("card").get("intendedUse").asString());
        assertEquals(0.0, first.get("card").get("metrics").get("training steps").asDouble());

        CliRun empty = CliRun.of("models", "list", "--registry", shared.resolve("none").toString());
        assertEquals(0, empty.exitCode(), empty.err());
        assertTrue(empty.out().startsWith("no models in "), empty.out());
    }

    @Test
    void showPrintsConfigPreprocessingAndCard() {
        CliRun run = CliRun.of("models", "show", "tiny", "--registry", registry.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(registry.resolve("tiny").resolve("2").toAbsolutePath().toString()), run.out());
        assertTrue(run.out().contains("\"family\" : \"transformer-test\""), run.out());
        assertTrue(run.out().contains("160.0 Hz, 64 channels (64 with positions): Fc5., Fc3."), run.out());
        assertTrue(run.out().contains("bandpass 0.5-40.0 Hz order 4"), run.out());
        assertTrue(run.out().contains("# Tiny CLI model\n"), run.out());
        assertTrue(run.out().contains("## Limits\n\nUntrained.\n"), run.out());

        CliRun missing = CliRun.of("models", "show", "tiny:9", "--registry", registry.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("model \"tiny\" has no version \"9\"; it has 1, 2"), missing.err());
    }

    @Test
    void verifyReportsOkOrTheFailingFile(@TempDir Path dir) throws IOException {
        CliRun ok = CliRun.of("models", "verify", "tiny:1", "--registry", registry.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("ok: 4 files verified\n", ok.out());
        CliRun byPath = CliRun.of("models", "verify", artifact.toString());
        assertEquals(0, byPath.exitCode(), byPath.err());
        assertEquals("ok: 4 files verified\n", byPath.out());

        Path copy = Files.createDirectory(dir.resolve("copy"));
        for (String f : new String[] {"config.json", "model.safetensors", "preprocessing.json", "model_card.md",
                "checksums.sha256"}) {
            Files.copy(artifact.resolve(f), copy.resolve(f));
        }
        byte[] weights = Files.readAllBytes(copy.resolve("model.safetensors"));
        weights[weights.length - 1] ^= 1;
        Files.write(copy.resolve("model.safetensors"), weights);
        CliRun bad = CliRun.of("models", "verify", copy.toString());
        assertEquals(2, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("model.safetensors: checksum mismatch"), bad.err());
        assertTrue(bad.err().contains("expected " + Checksums.sha256(artifact.resolve("model.safetensors"))
                + ", actual " + Checksums.sha256(copy.resolve("model.safetensors"))), bad.err());

        CliRun unknown = CliRun.of("models", "verify", "base", "--registry", registry.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no model \"base\" in the registry; it has tiny (1, 2)"), unknown.err());
    }

    @Test
    void helpListsTheModelsVerbs() {
        CliRun run = CliRun.of("models", "--help");
        assertEquals(0, run.exitCode());
        for (String verb : new String[] {"list", "show", "verify"}) {
            assertTrue(run.out().contains(verb), run.out());
        }
    }
}

package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.neurofm.nn.LayerNormalization;
import io.neurofm.nn.StateDict;
import io.neurofm.nn.TransformerConfig;
import io.neurofm.nn.TransformerStack;
import io.neurofm.tensor.Safetensors;
import io.neurofm.tokenize.TokenizerState;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writing, opening and loading real artifacts, folder and zip. */
class ArtifactTest {
    private static final List<String> FILES = List.of("config.json", "heads/norm.safetensors", "model.safetensors",
            "model_card.md", "preprocessing.json", "tokenizer.json", "tokenizer.safetensors");

    @Test
    void folderRoundTripLoadsWeightsThatForwardBitIdentically(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerStack original = ArtifactFixtures.stack(manager, 11);
            NDArray x = manager.randomNormal(ArtifactFixtures.INPUT);
            float[] expected = ArtifactFixtures.forward(original, manager, x).toFloatArray();
            Path written = ArtifactFixtures.writer(manager, original).writeDirectory(dir.resolve("tiny"));
            assertEquals(dir.resolve("tiny").toAbsolutePath(), written);

            try (Artifact artifact = Artifact.open(written)) {
                assertEquals(FILES, List.copyOf(artifact.digests().keySet()));
                assertEquals(ArtifactFixtures.config(), withSameHyperparameters(artifact.config()));
                assertEquals(ArtifactFixtures.preprocessing(), artifact.preprocessing());
                assertEquals(ArtifactFixtures.card(), artifact.card());
                assertEquals(List.of("norm"), artifact.heads());
                TokenizerState tokenizer = artifact.tokenizerState().orElseThrow();
                assertEquals("test", tokenizer.type());
                assertEquals(ArtifactFixtures.tokenizer().config(), tokenizer.config());
                assertArrayEquals(new float[] {-1f, 0f, 1f}, tokenizer.tensors().get("edges").data());

                TransformerStack fresh = ArtifactFixtures.stack(manager, 12);
                assertNotEquals(param(original, "layers.0.linear1.weight"), param(fresh, "layers.0.linear1.weight"));
                artifact.loadWeights(fresh, manager);
                assertArrayEquals(expected, ArtifactFixtures.forward(fresh, manager, x).toFloatArray(), 0f);
                for (Map.Entry<String, Parameter> e : StateDict.parameters(original).entrySet()) {
                    assertArrayEquals(e.getValue().getArray().toByteArray(), param(fresh, e.getKey()).toByteArray(),
                            e.getKey());
                }
                LayerNormalization head = ArtifactFixtures.head(manager);
                artifact.loadHead("norm", head, manager);
                ArtifactException noHead = assertThrows(ArtifactException.class,
                        () -> artifact.loadHead("decoder", head, manager));
                assertTrue(noHead.getMessage().contains("no such head; the artifact has [norm]"), noHead.getMessage());
            }
        }
    }

    /** created and version are compared directly; hyperparameters are a JSON object either way. */
    private static ArtifactConfig withSameHyperparameters(ArtifactConfig read) {
        return new ArtifactConfig(read.family(), read.size(), read.hyperparameters(), read.version(), read.created());
    }

    private static NDArray param(TransformerStack stack, String name) {
        return StateDict.parameters(stack).get(name).getArray();
    }

    @Test
    void filesHaveTheDocumentedContents(@TempDir Path dir) throws IOException {
        Path artifact = writeFull(dir);
        JsonNode config = JsonMapper.builder().build().readTree(Files.readString(artifact.resolve("config.json")));
        assertEquals("neurofm-model", config.get("format").asString());
        assertEquals(1, config.get("formatVersion").asInt());
        assertEquals(NeurofmVersion.current(), config.get("neurofmVersion").asString());
        assertEquals("2026-04-12T10:00:00Z", config.get("created").asString());
        assertEquals(16, config.get("hyperparameters").get("dModel").asInt());

        // The normalisation object is ScalingStats' own JSON; the channels are the EDF's, with 10-10 positions.
        JsonNode pre = JsonMapper.builder().build().readTree(Files.readString(artifact.resolve("preprocessing.json")));
        PreprocessingSpec spec = ArtifactFixtures.preprocessing();
        assertEquals(JsonMapper.builder().build().readTree(spec.normalisation().toJson()), pre.get("normalisation"));
        assertEquals(160.0, pre.get("samplingRate").asDouble());
        assertEquals(64, pre.get("channels").size());
        assertEquals("Fc5.", pre.get("channels").get(0).get("name").asString());
        assertEquals(ArtifactFixtures.recording().channel(0).position().x(),
                pre.get("channels").get(0).get("position").get("x").asDouble());

        // checksums.sha256 is what `sha256sum` prints for the same files, sorted by path.
        StringBuilder expected = new StringBuilder();
        for (String rel : FILES) {
            expected.append(Checksums.sha256(artifact.resolve(rel))).append("  ").append(rel).append('\n');
        }
        assertEquals(expected.toString(), Files.readString(artifact.resolve("checksums.sha256")));
        assertEquals(StateDict.METADATA, Safetensors.metadata(artifact.resolve("model.safetensors")));
        assertTrue(Files.readString(artifact.resolve("model_card.md")).startsWith("# Tiny test transformer\n"));
        // No temporary folder is left beside the artifact.
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(artifact), s.toList());
        }
    }

    @Test
    void zipFormOpensLikeTheFolderAndIsReproducible(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerStack original = ArtifactFixtures.stack(manager, 11);
            NDArray x = manager.randomNormal(ArtifactFixtures.INPUT);
            float[] expected = ArtifactFixtures.forward(original, manager, x).toFloatArray();
            Path zip = ArtifactFixtures.writer(manager, original).writeZip(dir.resolve("tiny.zip"));
            Path again = ArtifactFixtures.writer(manager, original).writeZip(dir.resolve("again.zip"));
            assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(again));
            Path folder = ArtifactFixtures.writer(manager, original).writeDirectory(dir.resolve("tiny"));
            assertEquals(FILES.size(), Artifact.verify(zip));

            Path extractedRoot;
            try (Artifact fromZip = Artifact.open(zip); Artifact fromDir = Artifact.open(folder)) {
                extractedRoot = fromZip.root();
                assertEquals(zip.toAbsolutePath(), fromZip.source());
                assertEquals(fromDir.digests(), fromZip.digests());
                assertEquals(fromDir.preprocessing(), fromZip.preprocessing());
                TransformerStack fresh = ArtifactFixtures.stack(manager, 13);
                fromZip.loadWeights(fresh, manager);
                assertArrayEquals(expected, ArtifactFixtures.forward(fresh, manager, x).toFloatArray(), 0f);
            }
            assertFalse(Files.exists(extractedRoot), "close() deletes the extracted zip");
        }
    }

    @Test
    void writerNeverOverwritesAndLeavesNothingOnFailure(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path existing = Files.createDirectory(dir.resolve("taken"));
            Files.writeString(existing.resolve("keep.txt"), "mine");
            ArtifactWriter writer = ArtifactFixtures.writer(manager, ArtifactFixtures.stack(manager, 1));
            assertThrows(FileAlreadyExistsException.class, () -> writer.writeDirectory(existing));
            assertThrows(FileAlreadyExistsException.class, () -> writer.writeZip(existing));
            assertEquals("mine", Files.readString(existing.resolve("keep.txt")));

            // An uninitialised block fails while the weights are written: no artifact, no temporary folder.
            TransformerStack uninitialised = new TransformerStack(ArtifactFixtures.CONFIG, 1, true);
            ArtifactWriter failing = new ArtifactWriter(ArtifactFixtures.config(), ArtifactFixtures.preprocessing(),
                    ArtifactFixtures.card(), uninitialised);
            assertThrows(IllegalStateException.class, () -> failing.writeDirectory(dir.resolve("broken")));
            assertThrows(IllegalStateException.class, () -> failing.writeZip(dir.resolve("broken.zip")));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(existing), s.toList());
            }
        }
    }

    @Test
    void loadWeightsIsStrict(@TempDir Path dir) throws IOException {
        Path artifact = writeFull(dir);
        try (NDManager manager = NDManager.newBaseManager(); Artifact opened = Artifact.open(artifact)) {
            TransformerStack wider = new TransformerStack(new TransformerConfig(16, 2, 48, 0f, false), 1, false);
            wider.initialize(manager, DataType.FLOAT32, ArtifactFixtures.INPUT);
            NDArray before = StateDict.parameters(wider).get("layers.0.norm1.weight").getArray().duplicate();
            ArtifactException e = assertThrows(ArtifactException.class, () -> opened.loadWeights(wider, manager));
            assertEquals("model.safetensors", e.file());
            assertTrue(e.getMessage().contains("layers.0.linear1.weight: shape (32, 16) in the file, (48, 16)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("unexpected norm.weight"), e.getMessage());
            assertEquals(before, StateDict.parameters(wider).get("layers.0.norm1.weight").getArray());
        }
    }

    @Test
    void artifactWithoutTokenizerOrHeads(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path artifact = new ArtifactWriter(ArtifactFixtures.config(), ArtifactFixtures.preprocessing(),
                    ArtifactFixtures.card(), ArtifactFixtures.stack(manager, 1)).writeDirectory(dir.resolve("bare"));
            try (Artifact opened = Artifact.open(artifact)) {
                assertEquals(List.of("config.json", "model.safetensors", "model_card.md", "preprocessing.json"),
                        List.copyOf(opened.digests().keySet()));
                assertTrue(opened.tokenizerState().isEmpty());
                assertTrue(opened.heads().isEmpty());
            }
        }
    }

    @Test
    void unknownFormatVersionIsRefusedNamingConfig(@TempDir Path dir) throws IOException {
        Path artifact = writeFull(dir);
        Path config = artifact.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
        ArtifactWriter.writeChecksums(artifact);
        ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.open(artifact));
        assertEquals("config.json", e.file());
        assertTrue(e.getMessage().contains("formatVersion is 2"), e.getMessage());
    }

    @Test
    void malformedPreprocessingIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path artifact = writeFull(dir);
        Path pre = artifact.resolve("preprocessing.json");
        Files.writeString(pre, Files.readString(pre).replace("\"samplingRate\" : 160.0", "\"samplingRate\" : -1.0"));
        ArtifactWriter.writeChecksums(artifact);
        ArtifactException e = assertThrows(ArtifactException.class, () -> Artifact.open(artifact));
        assertEquals("preprocessing.json", e.file());
        assertTrue(e.getMessage().contains("sampling rate must be positive"), e.getMessage());
    }

    static Path writeFull(Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            return ArtifactFixtures.writer(manager, ArtifactFixtures.stack(manager, 11)).writeDirectory(dir.resolve("tiny"));
        }
    }
}

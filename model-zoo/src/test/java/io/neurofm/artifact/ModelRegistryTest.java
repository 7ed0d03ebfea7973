package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry folder choice, registration as the next version, latest-version resolution and its errors. */
class ModelRegistryTest {
    @TempDir
    static Path shared;
    private static Path artifact;
    private static Path zip;

    @BeforeAll
    static void writeOnce() throws IOException {
        artifact = ArtifactTest.writeFull(shared);
        try (NDManager manager = NDManager.newBaseManager()) {
            zip = ArtifactFixtures.writer(manager, ArtifactFixtures.stack(manager, 11)).writeZip(shared.resolve("t.zip"));
        }
    }

    @Test
    void flagBeatsEnvironmentBeatsHome() {
        Path home = Path.of("/home/u");
        Path flag = Path.of("/flag");
        assertEquals(flag, ModelRegistry.chooseRoot(flag, Map.of("NEUROFM_MODELS", "/env"), home));
        assertEquals(Path.of("/env"), ModelRegistry.chooseRoot(null, Map.of("NEUROFM_MODELS", "/env"), home));
        assertEquals(Path.of("/home/u/.neurofm/models"), ModelRegistry.chooseRoot(null, Map.of(), home));
        assertEquals(Path.of("/home/u/.neurofm/models"),
                ModelRegistry.chooseRoot(null, Map.of("NEUROFM_MODELS", " "), home));
    }

    @Test
    void registerAddsNextVersionsAndNameAloneIsTheLatest(@TempDir Path root) throws IOException {
        ModelRegistry registry = new ModelRegistry(root);
        RegistryEntry first = registry.register(artifact, "tiny");
        RegistryEntry second = registry.register(zip, "tiny");
        assertEquals("1", first.version());
        assertEquals("2", second.version());
        assertEquals(List.of("1", "2"), registry.versions("tiny"));
        assertEquals(root.resolve("tiny").resolve("2"), registry.resolve("tiny"));
        assertEquals(root.resolve("tiny").resolve("1"), registry.resolve("tiny:1"));
        // The registered copy (of the zip too) is a verified folder with the same files.
        try (Artifact a = registry.open("tiny:2"); Artifact b = Artifact.open(artifact)) {
            assertEquals(b.digests(), a.digests());
            assertEquals(root.resolve("tiny").resolve("2"), a.root());
        }
        // No staging folder is left behind.
        try (Stream<Path> s = Files.list(root.resolve("tiny"))) {
            assertEquals(List.of("1", "2"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void latestIsNumericAwareAndExplicitVersionsAreNeverReplaced(@TempDir Path root) throws IOException {
        ModelRegistry registry = new ModelRegistry(root);
        for (String v : List.of("9", "10", "2")) {
            registry.register(artifact, "m", v);
        }
        assertEquals(List.of("2", "9", "10"), registry.versions("m"));
        assertEquals(root.resolve("m").resolve("10"), registry.resolve("m"));
        assertEquals("11", registry.register(artifact, "m").version());
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> registry.register(artifact, "m", "9"));
        assertTrue(e.getMessage().contains("versions are never replaced"), e.getMessage());
    }

    @Test
    void versionOrderComparesDigitRunsAsNumbers() {
        List<String> versions = new ArrayList<>(List.of("10", "2", "1.10", "1.9", "1", "2.0.0", "1.0", "01"));
        versions.sort(VersionOrder.INSTANCE);
        assertEquals(List.of("01", "1", "1.0", "1.9", "1.10", "2", "2.0.0", "10"), versions);
        assertEquals("3", VersionOrder.next(List.of("2.0.0", "1")));
        assertEquals("1", VersionOrder.next(List.of()));
        assertNull(VersionOrder.latest(List.of()));
    }

    @Test
    void resolveErrorsSayWhatExists(@TempDir Path root) throws IOException {
        ModelRegistry missing = new ModelRegistry(root.resolve("nowhere"));
        ArtifactException none = assertThrows(ArtifactException.class, () -> missing.resolve("tiny"));
        assertTrue(none.getMessage().contains("the registry folder does not exist"), none.getMessage());

        ModelRegistry empty = new ModelRegistry(root);
        ArtifactException nothing = assertThrows(ArtifactException.class, () -> empty.resolve("tiny"));
        assertTrue(nothing.getMessage().contains("the registry is empty"), nothing.getMessage());

        ModelRegistry registry = new ModelRegistry(root);
        registry.register(artifact, "tiny");
        registry.register(artifact, "small", "1.0.0");
        ArtifactException unknown = assertThrows(ArtifactException.class, () -> registry.resolve("base"));
        assertTrue(unknown.getMessage().contains("no model \"base\" in the registry; it has small (1.0.0), tiny (1)"),
                unknown.getMessage());
        ArtifactException version = assertThrows(ArtifactException.class, () -> registry.resolve("tiny:7"));
        assertTrue(version.getMessage().contains("model \"tiny\" has no version \"7\"; it has 1"), version.getMessage());
        ArtifactException bad = assertThrows(ArtifactException.class, () -> registry.resolve("../tiny"));
        assertTrue(bad.getMessage().contains("is not NAME[:VERSION]"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry.register(artifact, "a/b"));
    }

    @Test
    void aTamperedArtifactIsNotRegistered(@TempDir Path root) throws IOException {
        Path copy = root.resolve("src");
        for (String rel : List.of("config.json", "model.safetensors", "preprocessing.json", "model_card.md",
                "checksums.sha256")) {
            Files.createDirectories(copy);
            Files.copy(artifact.resolve(rel), copy.resolve(rel));
        }
        ModelRegistry registry = new ModelRegistry(root.resolve("reg"));
        ArtifactException e = assertThrows(ArtifactException.class, () -> registry.register(copy, "tiny"));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertEquals(List.of(), registry.versions("tiny"));
        try (Stream<Path> s = Files.list(root.resolve("reg").resolve("tiny"))) {
            assertEquals(0, s.count(), "no staging folder left");
        }
    }

    @Test
    void listGivesEveryVersionWithItsCardAndFlagsBrokenOnes(@TempDir Path root) throws IOException {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(artifact, "tiny");
        registry.register(artifact, "tiny");
        Path card = root.resolve("tiny").resolve("2").resolve("model_card.md");
        Files.writeString(card, Files.readString(card).replace("Tiny", "Huge"));
        List<RegistryEntry> entries = registry.list();
        assertEquals(List.of("tiny:1", "tiny:2"), entries.stream().map(RegistryEntry::ref).toList());
        assertEquals(ArtifactFixtures.card(), entries.get(0).card());
        assertEquals("transformer-test", entries.get(0).config().family());
        assertNull(entries.get(0).problem());
        assertNull(entries.get(1).card());
        assertTrue(entries.get(1).problem().contains("model_card.md: checksum mismatch"), entries.get(1).problem());
    }
}

package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code neurofm embed} and {@code neurofm probe} end to end on the Graz file with a seeded tiny artifact. */
class EmbedProbeCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EVENTS = "0x0301=left,0x0302=right";
    private static final String GRAZ_MAP = "resource:graz_sample_channels.tsv";

    @TempDir
    static Path dir;
    static Path artifact;

    static Path graz() {
        String configured = System.getProperty("neurofm.data");
        return (configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data"))
                .toAbsolutePath().normalize().resolve("eeg/graz_mi_left_right.gdf");
    }

    /** An untrained DeeperBrain tiny artifact (seed 3): 200 Hz, 2 s windows, 0.5-45 Hz band-pass, input_scale 1e5. */
    @BeforeAll
    static void writeArtifact() throws Exception {
        DeeperBrainConfig config = DeeperBrainPreset.TINY.config();
        ObjectNode hyper = JSON.createObjectNode();
        hyper.set("model", JSON.valueToTree(config));
        hyper.put("window_samples", 400);
        hyper.put("input_scale", 1e5);
        PreprocessingSpec pre = new PreprocessingSpec(200, List.of(FilterSpec.bandpass(0.5, 45, 4)),
                Readers.read(graz(), OpenOptions.DEFAULT).channels().stream().map(ChannelSpec::of).toList(), null);
        ModelCard card = new ModelCard("Untrained test model", "Seeded weights for tests.", "None.", "None.",
                Map.of(), "Tests only.", "Untrained.");
        DeeperBrainModel model = new DeeperBrainModel(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            model.initialize(manager);
            artifact = dir.resolve("deeperbrain-tiny");
            new ArtifactWriter(ArtifactConfig.of("deeperbrain", "tiny", hyper), pre, card, model.block())
                    .writeDirectory(artifact);
        }
    }

    @Test
    void embedsCueEpochsWithLabelsAndProvenance(@TempDir Path out) throws Exception {
        Path npz = out.resolve("emb.npz");
        CliRun run = CliRun.of("embed", "--model", artifact.toString(), "--input", graz().toString(), "--pooling",
                "power", "--epochs", "0x0301,0x0302", "--tmin", "0.5", "--tmax", "3.5", "--channel-map", GRAZ_MAP,
                "--out", npz.toString());
        assertEquals(0, run.exitCode(), run.err());
        Map<String, NpyArray> arrays = Npz.read(npz);
        assertArrayEquals(new long[] {40, 128}, arrays.get("embeddings").shape(), "40 cues, power pooling = 2 x d 64");
        JsonNode sidecar = JSON.readTree(out.resolve("emb.json").toFile());
        List<String> labels = new ArrayList<>();
        sidecar.get("labels").forEach(n -> labels.add(n.stringValue()));
        assertEquals(List.of("0x0301", "0x0302"), labels.stream().sorted().toList());
        double[] labelIndex = arrays.get("label_index").toDoubles();
        long left = java.util.Arrays.stream(labelIndex).filter(i -> labels.get((int) i).equals("0x0301")).count();
        assertEquals(20, left);
        double[] starts = arrays.get("start_seconds").toDoubles();
        for (int i = 1; i < starts.length; i++) {
            assertTrue(starts[i] > starts[i - 1], "epochs in recording order");
        }
        assertEquals("power", sidecar.get("pooling").stringValue());
        assertEquals("deeperbrain", sidecar.get("model").get("family").stringValue());
        assertEquals("graz_sample_channels.tsv", sidecar.get("preprocessing").get("channel_map").stringValue());
        assertEquals(200.0, sidecar.get("preprocessing").get("sampling_rate").doubleValue());
        assertEquals(-1.0, arrays.get("subject_index").toDoubles()[0], "the GDF names no subject id here");
        assertTrue(run.out().contains("[C3, Cz, C4]"), run.out());
    }

    @Test
    void embedsWindowsWithAStride(@TempDir Path out) throws Exception {
        Path npz = out.resolve("w.npz");
        Path input = Files.createDirectories(out.resolve("in"));
        Files.createSymbolicLink(input.resolve("a.gdf"), graz());
        Files.createSymbolicLink(input.resolve("b.edf"), graz().resolveSibling("eegmmidb_S001R01.edf"));
        Files.writeString(input.resolve("notes.txt"), "not a recording");
        CliRun run = CliRun.of("embed", "--model", artifact.toString(), "--input", input.toString(),
                "--stride-seconds", "1", "--out", npz.toString());
        assertEquals(0, run.exitCode(), run.err());
        Map<String, NpyArray> arrays = Npz.read(npz);
        JsonNode sidecar = JSON.readTree(out.resolve("w.json").toFile());
        assertEquals(2, sidecar.get("files").size(), "a folder embeds every recording in it");
        double[] file = arrays.get("file_index").toDoubles();
        double[] starts = arrays.get("start_seconds").toDoubles();
        assertEquals(arrays.get("embeddings").shape()[0], file.length);
        assertEquals(1.0, starts[1] - starts[0], 1e-9, "1 s stride");
        assertEquals(-1.0, arrays.get("label_index").toDoubles()[0], "windows carry no label");
        assertEquals("mean", sidecar.get("pooling").stringValue(), "the model's default pooling");
    }

    @Test
    void probesModelBesideItsTwinRawSignalAndBandPowerForEachChannelMap(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("probe", "--model", artifact.toString(), "--data", graz().toString(), "--events", EVENTS,
                "--channel-map", GRAZ_MAP + ",none", "--pooling", "mean,power", "--seeds", "1", "--bootstrap", "50",
                "--probes", "lda", "--random-init-seeds", "0,1", "--no-raw", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        List<String> names = new ArrayList<>();
        report.get("results").forEach(r -> names.add(r.get("probe").stringValue()));
        // per variant: model x 2 poolings, 2 twins x 2 poolings, band power
        assertEquals(2 * 7, names.size(), names.toString());
        assertTrue(names.contains("[no channel map] " + artifact + " (random init, seed 1) power · lda(shrinkage=ledoit-wolf)"),
                names.toString());
        JsonNode bandPower = null;
        for (JsonNode r : report.get("results")) {
            if (r.get("probe").stringValue().startsWith("[map graz_sample_channels.tsv] band power (C3, Cz, C4)")) {
                bandPower = r;
            }
            assertEquals(1, r.get("seeds").size());
        }
        assertTrue(bandPower != null, names.toString());
        assertTrue(bandPower.get("summary_over_seeds").get("balanced_accuracy").get("mean").doubleValue() >= 0.9);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Overview"), md);
        assertTrue(Files.size(out.resolve(bandPower.get("plots").get("seeds").stringValue())) > 0);
        assertNotEquals(-1, run.out().indexOf("balanced accuracy"));
    }

    @Test
    void rawSignalIsTheModelsInputFlattened(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("probe", "--model", artifact.toString(), "--data", graz().toString(), "--events", EVENTS,
                "--channel-map", GRAZ_MAP, "--seeds", "1", "--bootstrap", "20", "--no-random-init", "--bands", "none",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode results = JSON.readTree(out.resolve("report.json").toFile()).get("results");
        assertEquals(2, results.size());
        assertEquals("[map graz_sample_channels.tsv] raw signal (" + artifact + " input, 3 ch x 601 samples) · logreg-cv",
                results.get(1).get("probe").stringValue());
    }

    @Test
    void temporalProbeReadsTheModelsPatchSequence(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("probe", "--model", artifact.toString(), "--data", graz().toString(), "--events", EVENTS,
                "--channel-map", GRAZ_MAP, "--seeds", "1", "--bootstrap", "20", "--no-random-init", "--bands", "none",
                "--no-raw", "--probes", "logreg,temporal", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode results = JSON.readTree(out.resolve("report.json").toFile()).get("results");
        List<String> names = new ArrayList<>();
        results.forEach(r -> names.add(r.get("probe").stringValue()));
        // 601 samples at 200 Hz = 3 patches of 200; the tiny model's d is 64. logreg reads the pooled
        // embedding only, temporal the sequence only.
        String tag = "[map graz_sample_channels.tsv] " + artifact;
        assertEquals(List.of(tag + " mean · logreg-cv", tag + " sequence (3 steps x 64) · temporal(T=3)"), names);
        double score = results.get(1).get("summary_over_seeds").get("balanced_accuracy").get("mean").doubleValue();
        assertTrue(score >= 0 && score <= 1, "balanced accuracy " + score);
    }

    @Test
    void crossSubjectWithoutSubjectIdsIsRefused(@TempDir Path out) {
        CliRun run = CliRun.of("probe", "--model", artifact.toString(), "--data", graz().toString(), "--events", EVENTS,
                "--protocol", "cross-subject", "--out", out.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("cross-subject needs subject ids"), run.err());
    }
}

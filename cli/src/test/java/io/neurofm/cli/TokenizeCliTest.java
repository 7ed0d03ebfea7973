package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.io.npy.NpyArray;
import io.neurofm.signal.io.npy.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** tokenizer fit, tokenize and detokenize on the shared real files, as a user runs them. */
class TokenizeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String shared(String relative) {
        return DataPaths.sharedFile(relative).toString();
    }

    private static void ok(CliRun run) {
        assertEquals(0, run.exitCode(), run.err() + run.out());
    }

    @Test
    void muLawFitTokenizeDetokenizeRestoresTheRecording(@TempDir Path dir) throws Exception {
        String edf = shared("eeg/capslpdb_brux2_100s.edf");
        Path t = dir.resolve("mulaw.json");
        ok(CliRun.of("tokenizer", "fit", "--type", "mulaw", "--out", t.toString(), edf));
        Path tokens = dir.resolve("tokens.npz");
        ok(CliRun.of("tokenize", "--tokenizer", t.toString(), edf, tokens.toString()));
        Map<String, NpyArray> arrays = Npz.read(tokens);
        assertArrayEquals(new long[] {5, 25600}, arrays.get("ids").shape());
        assertEquals("INT32", arrays.get("ids").dtype().name());
        assertArrayEquals(new long[] {5, 25600}, arrays.get("valid").shape());
        JsonNode sidecar = JSON.readTree(Files.readString(dir.resolve("tokens.json")));
        assertEquals("Fp2-F4", sidecar.get("channels").get(0).asString());
        assertEquals(256, sidecar.get("vocabulary_size").asInt());

        Path back = dir.resolve("back.npz");
        ok(CliRun.of("detokenize", "--tokenizer", t.toString(), tokens.toString(), back.toString()));
        Recording original = Readers.read(Path.of(edf), OpenOptions.DEFAULT);
        Recording decoded = Readers.read(back, OpenOptions.DEFAULT);
        assertEquals(original.channelNames(), decoded.channelNames());
        assertEquals(256.0, decoded.samplingRate());
        double ve = varianceExplained(original, decoded);
        System.out.printf("CLI mu-law round trip on brux2 (fitted on itself): variance explained %.6f%n", ve);
        assertTrue(ve > 0.999, "variance explained " + ve);
    }

    @Test
    void gruFitTokenizeDetokenizeAtItsOwnRate(@TempDir Path dir) throws Exception {
        String edf = shared("eeg/capslpdb_brux2_100s.edf");
        Path t = dir.resolve("gru.json");
        ok(CliRun.of("tokenizer", "fit", "--type", "gru", "--hidden", "8", "--codes", "8", "--minutes", "0.05",
                "--duration", "10", "--out", t.toString(), edf));
        Path tokens = dir.resolve("g_tokens.npz");
        CliRun wrongRate = CliRun.of("tokenize", "--tokenizer", t.toString(), "--duration", "4", edf,
                tokens.toString());
        assertEquals(2, wrongRate.exitCode(), "the file is at 256 Hz, the tokenizer at 250 Hz");
        ok(CliRun.of("tokenize", "--tokenizer", t.toString(), "--duration", "4", "--resample", "250", edf,
                tokens.toString()));
        assertArrayEquals(new long[] {5, 1000}, Npz.read(tokens).get("ids").shape());
        Path back = dir.resolve("g_back.npz");
        ok(CliRun.of("detokenize", "--tokenizer", t.toString(), tokens.toString(), back.toString()));
        Recording decoded = io.neurofm.signal.Readers.read(back, io.neurofm.signal.OpenOptions.DEFAULT);
        assertEquals(250.0, decoded.samplingRate());
        assertEquals(1000, decoded.sampleCount());
    }

    @Test
    void quantileWithFewBinsRoundTrips(@TempDir Path dir) throws Exception {
        String edf = shared("eeg/capslpdb_brux2_100s.edf");
        Path t = dir.resolve("q.json");
        ok(CliRun.of("tokenizer", "fit", "--type", "quantile", "--bins", "64", "--out", t.toString(), edf));
        assertTrue(Files.exists(dir.resolve("q.safetensors")));
        Path tokens = dir.resolve("q_tokens.npz");
        ok(CliRun.of("tokenize", "--tokenizer", t.toString(), "--start", "10", "--duration", "20", edf,
                tokens.toString()));
        assertArrayEquals(new long[] {5, 20 * 256}, Npz.read(tokens).get("ids").shape());
        Path back = dir.resolve("q_back.npz");
        ok(CliRun.of("detokenize", "--tokenizer", t.toString(), tokens.toString(), back.toString()));
        Recording window = io.neurofm.load.RecordingLoader.load(Path.of(edf), new io.neurofm.load.LoadSpec(
                OpenOptions.DEFAULT, List.of(), 10, 20, null, null, null, false));
        double ve = varianceExplained(window, Readers.read(back, OpenOptions.DEFAULT));
        assertTrue(ve > 0.99, "64-bin variance explained " + ve);
    }

    @Test
    void patchTokensWithFftAreVectorsAndCannotBeDecoded(@TempDir Path dir) throws Exception {
        String edf = shared("eeg/capslpdb_brux2_100s.edf");
        Path t = dir.resolve("p.json");
        ok(CliRun.of("tokenizer", "fit", "--type", "patch", "--fft", "--out", t.toString(), edf));
        Path tokens = dir.resolve("p_tokens.npz");
        ok(CliRun.of("tokenize", "--tokenizer", t.toString(), "--duration", "10", edf, tokens.toString()));
        assertArrayEquals(new long[] {5, 10, 301}, Npz.read(tokens).get("vectors").shape());
        CliRun refused = CliRun.of("detokenize", "--tokenizer", t.toString(), tokens.toString(),
                dir.resolve("x.npz").toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("not invertible"), refused.err());
    }

    @Test
    void fmriTableAndNiftiWithAtlasGiveMaskedPatches(@TempDir Path dir) throws Exception {
        String csv = shared("fmri/fmri_timeseries.csv");
        Path t = dir.resolve("f.json");
        ok(CliRun.of("tokenizer", "fit", "--type", "fmri", "--tr", "1.89", "--out", t.toString(), csv));
        Path tokens = dir.resolve("f_tokens.npz");
        ok(CliRun.of("tokenize", "--tokenizer", t.toString(), "--tr", "1.89", csv, tokens.toString()));
        Map<String, NpyArray> arrays = Npz.read(tokens);
        assertArrayEquals(new long[] {31, 14, 19}, arrays.get("vectors").shape());
        assertEquals(1.0, arrays.get("valid").getDouble(12));
        assertEquals(0.0, arrays.get("valid").getDouble(13), "the partial last patch is masked");

        String nii = shared("fmri/nibabel_functional.nii");
        Path tn = dir.resolve("fn.json");
        List<String> atlas = List.of("--atlas", shared("mri/aal.nii.gz"), "--atlas-labels", shared("mri/aal.nii.txt"));
        ok(CliRun.of(concat(List.of("tokenizer", "fit", "--type", "fmri", "--out", tn.toString()), atlas, nii)));
        Path niiTokens = dir.resolve("fn_tokens.npz");
        ok(CliRun.of(concat(List.of("tokenize", "--tokenizer", tn.toString()), atlas, nii, niiTokens.toString())));
        assertArrayEquals(new long[] {26, 2, 18}, Npz.read(niiTokens).get("vectors").shape());
        CliRun noAtlas = CliRun.of("tokenize", "--tokenizer", tn.toString(), nii, niiTokens.toString());
        assertEquals(2, noAtlas.exitCode());
        assertTrue(noAtlas.err().contains("--atlas"), noAtlas.err());
    }

    @Test
    void structuralImagesTokeniseIntoPatchesWithCentres(@TempDir Path dir) throws Exception {
        String ch2 = shared("mri/ch2.nii.gz");
        Path t = dir.resolve("s.json");
        ok(CliRun.of("tokenizer", "fit", "--type", "smri", "--grid", "32", "--out", t.toString(), ch2));
        Path tokens = dir.resolve("s_tokens.npz");
        ok(CliRun.of("tokenize", "--tokenizer", t.toString(), ch2, tokens.toString()));
        Map<String, NpyArray> arrays = Npz.read(tokens);
        assertArrayEquals(new long[] {8, 4096}, arrays.get("vectors").shape());
        assertArrayEquals(new long[] {8, 3}, arrays.get("centres_mm").shape());
        assertEquals(1.0, arrays.get("grid_index").getDouble(3), "patch 1 is one step along x");
    }

    @Test
    void badTokenizerFilesAreOneClearLine(@TempDir Path dir) throws Exception {
        String edf = shared("eeg/capslpdb_brux2_100s.edf");
        Path t = dir.resolve("m.json");
        ok(CliRun.of("tokenizer", "fit", "--type", "mulaw", "--out", t.toString(), "--duration", "5", edf));
        Files.writeString(t, Files.readString(t).replace("\"version\" : 1", "\"version\" : 7"));
        CliRun run = CliRun.of("tokenize", "--tokenizer", t.toString(), edf, dir.resolve("o.npz").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("field 'version'"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    private static String[] concat(List<String> head, List<String> middle, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(middle);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static double varianceExplained(Recording original, Recording decoded) {
        double residual = 0;
        double total = 0;
        for (int c = 0; c < original.channelCount(); c++) {
            float[] x = original.channelData(c);
            float[] y = decoded.channelData(c);
            double mean = 0;
            for (float v : x) {
                mean += v;
            }
            mean /= x.length;
            for (int i = 0; i < x.length; i++) {
                residual += (x[i] - (double) y[i]) * (x[i] - (double) y[i]);
                total += (x[i] - mean) * (x[i] - mean);
            }
        }
        return 1 - residual / total;
    }
}

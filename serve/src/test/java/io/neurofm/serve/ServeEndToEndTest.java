package io.neurofm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.ModelRegistry;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.inference.SignalWindow;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of the running server against the real shared recordings; each embedding must
 * equal {@link EmbeddingModel#embed} on the same input in this JVM (the path `neurofm embed` takes)
 * within 1e-5.
 */
class ServeEndToEndTest extends RunningServer {
    private static final double TOLERANCE = 1e-5;
    private static EmbeddingModel deeperBrain;
    private static EmbeddingModel megGpt;

    @BeforeAll
    static void load() throws IOException {
        ModelRegistry registry = new ModelRegistry(ServeFixtures.registry());
        deeperBrain = EmbeddingModels.load(registry, ServeFixtures.DEEPERBRAIN, null);
        megGpt = EmbeddingModels.load(registry, ServeFixtures.MEGGPT, null);
    }

    @AfterAll
    static void close() {
        deeperBrain.close();
        megGpt.close();
    }

    static Map<String, Object> windowJson(SignalWindow w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", w.data());
        m.put("channels", w.channels());
        m.put("sfreq", w.samplingRate());
        return m;
    }

    static Map<String, Object> windowBase64(SignalWindow w) {
        ByteBuffer b = ByteBuffer.allocate(4 * w.data().length * w.sampleCount()).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : w.data()) {
            for (float v : row) {
                b.putFloat(v);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", Base64.getEncoder().encodeToString(b.array()));
        m.put("shape", List.of(w.data().length, w.sampleCount()));
        m.put("channels", w.channels());
        m.put("sfreq", w.samplingRate());
        return m;
    }

    static float[] row(JsonNode embedding) {
        if (embedding.isString()) {
            byte[] bytes = Base64.getDecoder().decode(embedding.asString());
            float[] out = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[embedding.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) embedding.get(i).asDouble();
        }
        return out;
    }

    static void assertRows(float[][] expected, JsonNode data) {
        assertEquals(expected.length, data.size(), "windows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(i, data.get(i).get("index").asInt());
            assertEquals("embedding", data.get(i).get("object").asString());
            float[] got = row(data.get(i).get("embedding"));
            assertEquals(expected[i].length, got.length, "width of row " + i);
            for (int j = 0; j < got.length; j++) {
                assertEquals(expected[i][j], got[j], TOLERANCE, "row " + i + " value " + j);
            }
        }
    }

    @Test
    void embeddingsOfClientWindowsEqualTheLibrary() {
        // DeeperBrain: two windows of different channel sets (nested floats), power pooling, float output.
        SignalWindow a = ServeFixtures.window(0, 8, 0, 320);
        SignalWindow b = ServeFixtures.window(20, 5, 1600, 480);
        Map<String, Object> request = Map.of("model", ServeFixtures.DEEPERBRAIN, "pooling", "power",
                "input", List.of(windowJson(a), windowJson(b)));
        Http.Reply reply = http.postJson("/v1/embeddings", request, AUTH);
        assertEquals(200, reply.status(), reply.text());
        JsonNode body = reply.json();
        assertEquals("list", body.get("object").asString());
        assertTrue(body.get("model").asString().startsWith(ServeFixtures.DEEPERBRAIN + ":"));
        float[][] expected = deeperBrain.embed(List.of(deeperBrain.prepare(a), deeperBrain.prepare(b)), "power");
        assertRows(expected, body.get("data"));
        assertEquals(2, body.get("usage").get("windows").asInt());
        assertEquals(8 * 320 + 5 * 480, body.get("usage").get("samples").asLong());

        // MEG-GPT: base64 in, base64 out, default pooling.
        SignalWindow m = ServeFixtures.window(10, 6, 800, 160);
        Map<String, Object> megRequest = Map.of("model", ServeFixtures.MEGGPT, "encoding_format", "base64",
                "input", List.of(windowBase64(m)));
        Http.Reply megReply = http.postJson("/v1/embeddings", megRequest, "X-API-Key", KEY);
        assertEquals(200, megReply.status(), megReply.text());
        assertTrue(megReply.json().get("data").get(0).get("embedding").isString());
        assertRows(megGpt.embed(List.of(megGpt.prepare(m)), "mean"), megReply.json().get("data"));
    }

    @Test
    void uploadedRecordingsOfEveryFormatEqualTheLibrary(@TempDir Path tmp) throws IOException {
        Path edf = ServeFixtures.data("eeg/eegmmidb_S001R01.edf");
        checkFile(ServeFixtures.DEEPERBRAIN, deeperBrain, "power", List.of(Http.Part.file(edf)), edf);
        // MEG-GPT on a short file: its 3 EEG names are matched to the channel table, Status is left out.
        Path bdf = ServeFixtures.data("eeg/test_bdf_stim_channel.bdf");
        checkFile(ServeFixtures.MEGGPT, megGpt, "last", List.of(Http.Part.file(bdf)), bdf);
        for (String name : List.of("test_bdf_stim_channel.bdf", "graz_mi_left_right.gdf",
                "brainvision_converted_raw.fif", "capslpdb_brux2_100s.edf")) {
            Path f = ServeFixtures.data("eeg/" + name);
            checkFile(ServeFixtures.DEEPERBRAIN, deeperBrain, "mean", List.of(Http.Part.file(f)), f);
        }
        Path vhdr = ServeFixtures.data("eeg/test.vhdr");
        List<Http.Part> parts = new ArrayList<>();
        for (String n : List.of("test.vhdr", "test.eeg", "test.vmrk")) {
            parts.add(Http.Part.file(ServeFixtures.data("eeg/" + n)));
        }
        checkFile(ServeFixtures.DEEPERBRAIN, deeperBrain, "mean", parts, vhdr);
        Path zip = tmp.resolve("test.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String n : List.of("test.vhdr", "test.eeg", "test.vmrk")) {
                out.putNextEntry(new ZipEntry("recording/" + n));
                out.write(Files.readAllBytes(ServeFixtures.data("eeg/" + n)));
                out.closeEntry();
            }
        }
        checkFile(ServeFixtures.DEEPERBRAIN, deeperBrain, "mean", List.of(Http.Part.file(zip)), vhdr);
    }

    private void checkFile(String model, EmbeddingModel local, String pooling, List<Http.Part> files, Path source)
            throws IOException {
        List<Http.Part> parts = new ArrayList<>(files);
        parts.add(Http.Part.field("model", model));
        parts.add(Http.Part.field("pooling", pooling));
        Http.Reply reply = http.multipart("/v1/embeddings/file", parts, AUTH);
        assertEquals(200, reply.status(), source + ": " + reply.text());
        List<PreparedWindow> windows = local.windows(Readers.read(source, OpenOptions.DEFAULT), 0);
        JsonNode data = reply.json().get("data");
        assertRows(local.embed(windows, pooling), data);
        for (int i = 0; i < windows.size(); i++) {
            assertEquals(windows.get(i).startSeconds(), data.get(i).get("start").asDouble(), 1e-9);
        }
    }

    @Test
    void v2InferGivesEmbeddingsAndHeadProbabilities() {
        SignalWindow a = ServeFixtures.window(0, 4, 0, 320);
        SignalWindow b = ServeFixtures.window(0, 4, 320, 320);
        List<Float> flat = new ArrayList<>();
        for (SignalWindow w : List.of(a, b)) {
            for (float[] r : w.data()) {
                for (float v : r) {
                    flat.add(v);
                }
            }
        }
        Map<String, Object> request = Map.of("id", "req-1",
                "inputs", List.of(Map.of("name", "windows", "shape", List.of(2, 4, 320), "datatype", "FP32",
                        "data", flat)),
                "parameters", Map.of("channels", a.channels(), "sfreq", 160.0, "head", ServeFixtures.HEAD));
        Http.Reply reply = http.postJson("/v2/models/" + ServeFixtures.DEEPERBRAIN + "/infer", request, AUTH);
        assertEquals(200, reply.status(), reply.text());
        JsonNode body = reply.json();
        assertEquals(ServeFixtures.DEEPERBRAIN, body.get("model_name").asString());
        assertEquals("req-1", body.get("id").asString());
        float[][] expected = deeperBrain.embed(List.of(deeperBrain.prepare(a), deeperBrain.prepare(b)), "mean");
        Map<String, JsonNode> outputs = new LinkedHashMap<>();
        body.get("outputs").forEach(o -> outputs.put(o.get("name").asString(), o));
        JsonNode emb = outputs.get("embeddings");
        assertEquals(List.of(2L, 64L), List.of(emb.get("shape").get(0).asLong(), emb.get("shape").get(1).asLong()));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 64; j++) {
                assertEquals(expected[i][j], emb.get("data").get(i * 64 + j).asDouble(), TOLERANCE);
            }
        }
        // softmax(W e + b) computed here from the head's seeded weights.
        float[][] w = ServeFixtures.headWeight();
        float[] bias = ServeFixtures.headBias();
        JsonNode probs = outputs.get("probabilities");
        assertNotNull(probs, body.toString());
        for (int i = 0; i < 2; i++) {
            double[] z = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                z[k] = bias[k];
                for (int j = 0; j < 64; j++) {
                    z[k] += w[k][j] * (double) expected[i][j];
                }
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += Math.exp(z[k] - max);
            }
            int best = 0;
            for (int k = 0; k < 3; k++) {
                double p = Math.exp(z[k] - max) / sum;
                assertEquals(p, probs.get("data").get(i * 3 + k).asDouble(), 1e-4);
                if (z[k] > z[best]) {
                    best = k;
                }
            }
            assertEquals(ServeFixtures.HEAD_CLASSES.get(best), outputs.get("labels").get("data").get(i).asString());
        }

        // MEG-GPT, nested data, no head: embeddings only.
        SignalWindow m = ServeFixtures.window(30, 3, 0, 160);
        Map<String, Object> megRequest = Map.of(
                "inputs", List.of(Map.of("name", "windows", "shape", List.of(3, 160), "datatype", "FP32",
                        "data", m.data())),
                "parameters", Map.of("channels", m.channels(), "sfreq", 160, "pooling", "flatten"));
        Http.Reply megReply = http.postJson("/v2/models/" + ServeFixtures.MEGGPT + "/infer", megRequest, AUTH);
        assertEquals(200, megReply.status(), megReply.text());
        JsonNode out = megReply.json().get("outputs");
        assertEquals(1, out.size());
        float[] want = megGpt.embed(List.of(megGpt.prepare(m)), "flatten")[0];
        assertEquals(want.length, out.get(0).get("data").size());
        for (int j = 0; j < want.length; j++) {
            assertEquals(want[j], out.get(0).get("data").get(j).asDouble(), TOLERANCE);
        }
    }

    @Test
    void metadataHealthModelsMetricsAndOpenApi() {
        JsonNode meta = http.get("/v2/models/" + ServeFixtures.DEEPERBRAIN, AUTH).json();
        assertEquals(ServeFixtures.DEEPERBRAIN, meta.get("name").asString());
        assertEquals("deeperbrain", meta.get("parameters").get("family").asString());
        assertEquals(200.0, meta.get("parameters").get("sampling_rate").asDouble());
        assertEquals(ServeFixtures.HEAD_CLASSES.size(),
                meta.get("parameters").get("heads").get(ServeFixtures.HEAD).get("classes").size());
        assertEquals(200, http.get("/v2/models/" + ServeFixtures.MEGGPT + "/ready", AUTH).status());
        assertEquals(true, http.get("/v2/health/live").json().get("live").asBoolean());
        assertEquals(true, http.get("/v2/health/ready").json().get("ready").asBoolean());
        assertEquals(200, http.get("/actuator/health/liveness").status());
        assertEquals(200, http.get("/actuator/health/readiness").status());

        JsonNode models = http.get("/v1/models", AUTH).json();
        assertEquals("list", models.get("object").asString());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        models.get("data").forEach(m -> byId.put(m.get("id").asString(), m));
        JsonNode db = byId.get(ServeFixtures.DEEPERBRAIN);
        assertEquals("deeperbrain", db.get("family").asString());
        assertEquals("tiny", db.get("size").asString());
        assertEquals(List.of("1"), List.of(db.get("versions").get(0).asString()));
        assertEquals("Untrained DeeperBrain", db.get("description").get("title").asString());
        assertEquals("Untrained.", db.get("description").get("limits").asString());
        assertEquals(List.of("mean", "power", "flatten").size(), db.get("serving").get("poolings").size());
        assertEquals(ServeFixtures.HEAD, db.get("serving").get("heads").get(0).get("name").asString());
        assertEquals("meggpt", byId.get(ServeFixtures.MEGGPT).get("family").asString());

        // a request first, so every serving meter has a sample
        http.postJson("/v1/embeddings", Map.of("model", ServeFixtures.MEGGPT,
                "input", List.of(windowJson(ServeFixtures.window(0, 2, 0, 100)))), AUTH);
        String prometheus = http.get("/actuator/prometheus", AUTH).text();
        for (String meter : List.of("neurofm_queue_time_seconds_count", "neurofm_batch_size_windows_count",
                "neurofm_inference_latency_seconds_count", "neurofm_rejections_total", "neurofm_queue_depth")) {
            assertTrue(prometheus.contains(meter), meter + " missing from /actuator/prometheus");
        }
        JsonNode api = http.get("/v3/api-docs", AUTH).json();
        for (String path : List.of("/v1/embeddings", "/v1/embeddings/file", "/v1/models", "/v2/models/{name}/infer",
                "/v2/models/{name}", "/v2/health/live", "/v2/health/ready")) {
            assertTrue(api.get("paths").has(path), path + " missing from the OpenAPI document");
        }
    }
}

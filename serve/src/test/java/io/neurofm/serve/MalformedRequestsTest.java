package io.neurofm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A corpus of malformed requests, each answered 4xx (never 5xx) with application/problem+json and,
 * where the fault is in one field, that field named.
 */
class MalformedRequestsTest extends RunningServer {
    private static final String DB = ServeFixtures.DEEPERBRAIN;

    /** One malformed request: what it is, how to send it, the status and field expected (null: any / none). */
    record Case(String what, Function<Http, Http.Reply> send, int status, String field) {}

    private static final String WINDOW = "{\"data\": [[1e-6, 2e-6, 3e-6, 4e-6], [1e-6, 0, -1e-6, 2e-6]],"
            + " \"channels\": [\"C3\", \"C4\"], \"sfreq\": 400}";

    private static String body(String model, String input) {
        return "{\"model\": \"" + model + "\", \"input\": [" + input + "]}";
    }

    private static String window(String data, String channels, String sfreq) {
        return "{\"data\": " + data + ", \"channels\": " + channels + ", \"sfreq\": " + sfreq + "}";
    }

    /** A valid DeeperBrain window: 2 channels, 1 s at 400 Hz (resampled to 200 samples, one patch). */
    private static String goodData() {
        StringBuilder b = new StringBuilder("[");
        for (int c = 0; c < 2; c++) {
            b.append(c == 0 ? "[" : ",[");
            for (int t = 0; t < 400; t++) {
                b.append(t == 0 ? "" : ",").append(Math.sin(t * 0.1 + c) * 1e-5);
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    private static Case json(String what, String body, int status, String field) {
        return new Case(what, h -> h.postJson("/v1/embeddings", body, AUTH), status, field);
    }

    private static Case v2(String what, String model, String body, int status, String field) {
        return new Case(what, h -> h.postJson("/v2/models/" + model + "/infer", body, AUTH), status, field);
    }

    private static Case upload(String what, List<Http.Part> parts, int status, String field) {
        return new Case(what, h -> h.multipart("/v1/embeddings/file", parts, AUTH), status, field);
    }

    static List<Case> corpus(Path tmp) throws Exception {
        String good = goodData();
        String ok = window(good, "[\"C3\", \"C4\"]", "400");
        List<Case> c = new ArrayList<>();
        // JSON syntax and top level
        c.add(json("truncated JSON", "{\"model\": \"" + DB + "\", \"input\": [", 400, null));
        c.add(json("empty body", "", 400, null));
        c.add(json("JSON null", "null", 400, null));
        c.add(json("array instead of object", "[]", 400, null));
        c.add(json("garbage", "model=deeperbrain", 400, null));
        c.add(json("NaN literal", body(DB, window("[[NaN, 1.0]]", "[\"C3\"]", "400")), 400, null));
        c.add(json("deeply nested", "{\"model\": " + "[".repeat(3000) + "]".repeat(3000) + "}", 400, null));
        // model
        c.add(json("no model", "{\"input\": [" + ok + "]}", 400, "model"));
        c.add(json("unknown model", body("no-such-model", ok), 404, "model"));
        c.add(json("unknown version", body(DB + ":99", ok), 404, "model"));
        c.add(json("model not a name", body("../../etc/passwd", ok), 400, "model"));
        c.add(json("model an object", "{\"model\": {\"a\": 1}, \"input\": [" + ok + "]}", 400, "model"));
        // input
        c.add(json("no input", "{\"model\": \"" + DB + "\"}", 422, "input"));
        c.add(json("empty input", body(DB, ""), 422, "input"));
        c.add(json("input a string", "{\"model\": \"" + DB + "\", \"input\": \"hello\"}", 400, "input"));
        c.add(json("null window", body(DB, "null"), 422, "input[0]"));
        c.add(json("window a number", body(DB, "5"), 400, "input[0]"));
        c.add(json("second window bad", body(DB, ok + "," + window(good, "[\"C3\"]", "400")), 422, "input[1].channels"));
        // data
        c.add(json("no data", body(DB, "{\"channels\": [\"C3\"], \"sfreq\": 400}"), 422, "input[0].data"));
        c.add(json("data a number", body(DB, window("7", "[\"C3\"]", "400")), 422, "input[0].data"));
        c.add(json("empty data", body(DB, window("[]", "[\"C3\"]", "400")), 422, "input[0].data"));
        c.add(json("empty row", body(DB, window("[[]]", "[\"C3\"]", "400")), 422, "input[0].data"));
        c.add(json("ragged rows", body(DB, window("[[1e-6, 2e-6], [1e-6]]", "[\"C3\", \"C4\"]", "400")), 422,
                "input[0].data[1]"));
        c.add(json("row not an array", body(DB, window("[5, [1e-6]]", "[\"C3\", \"C4\"]", "400")), 422,
                "input[0].data[0]"));
        c.add(json("sample a string", body(DB, window("[[1e-6, \"x\"]]", "[\"C3\"]", "400")), 422,
                "input[0].data[0][1]"));
        c.add(json("sample null", body(DB, window("[[1e-6, null]]", "[\"C3\"]", "400")), 422,
                "input[0].data[0][1]"));
        c.add(json("sample overflows to infinity", body(DB, window("[[1e999, 1e-6]]", "[\"C3\"]", "400")), 422,
                "input[0].data[0][0]"));
        c.add(json("3-d data", body(DB, window("[[[1e-6]]]", "[\"C3\"]", "400")), 422, "input[0].data[0][0]"));
        c.add(json("too short for one patch", body(DB, WINDOW), 422, "input[0].data"));
        c.add(json("shape disagrees with nested data", body(DB, "{\"data\": " + good
                + ", \"shape\": [3, 400], \"channels\": [\"C3\", \"C4\"], \"sfreq\": 400}"), 422, "input[0].shape"));
        // base64
        c.add(json("bad base64", body(DB, "{\"data\": \"@@not base64@@\", \"shape\": [1, 4], \"channels\": [\"C3\"],"
                + " \"sfreq\": 400}"), 422, "input[0].data"));
        c.add(json("base64 without shape", body(DB, "{\"data\": \"AAAAAA==\", \"channels\": [\"C3\"], \"sfreq\": 400}"),
                422, "input[0].shape"));
        c.add(json("base64 length disagrees with shape", body(DB, "{\"data\": \"AAAAAAAAAAA=\", \"shape\": [1, 4],"
                + " \"channels\": [\"C3\"], \"sfreq\": 400}"), 422, "input[0].shape"));
        c.add(json("negative shape", body(DB, "{\"data\": \"AAAAAA==\", \"shape\": [-1, 1], \"channels\": [\"C3\"],"
                + " \"sfreq\": 400}"), 422, "input[0].shape"));
        // channels
        c.add(json("no channels", body(DB, "{\"data\": " + good + ", \"sfreq\": 400}"), 422, "input[0].channels"));
        c.add(json("too few channel names", body(DB, window(good, "[\"C3\"]", "400")), 422, "input[0].channels"));
        c.add(json("blank channel name", body(DB, window(good, "[\"C3\", \" \"]", "400")), 422,
                "input[0].channels[1]"));
        c.add(json("duplicate channels", body(DB, window(good, "[\"C3\", \"C3\"]", "400")), 422,
                "input[0].channels"));
        c.add(json("channel unknown to MEG-GPT", body(ServeFixtures.MEGGPT, window(good, "[\"C3\", \"NOPE7\"]", "400")),
                422, "input[0].channels"));
        c.add(json("channels not strings", body(DB, window(good, "[{\"a\": 1}, 2]", "400")), 400, null));
        // sfreq
        c.add(json("no sfreq", body(DB, "{\"data\": " + good + ", \"channels\": [\"C3\", \"C4\"]}"), 422,
                "input[0].sfreq"));
        c.add(json("zero sfreq", body(DB, window(good, "[\"C3\", \"C4\"]", "0")), 422, "input[0].sfreq"));
        c.add(json("negative sfreq", body(DB, window(good, "[\"C3\", \"C4\"]", "-160")), 422, "input[0].sfreq"));
        c.add(json("sfreq a word", body(DB, window(good, "[\"C3\", \"C4\"]", "\"fast\"")), 400, "input[0].sfreq"));
        c.add(json("wrong sfreq: 400 samples at 1 MHz is under a patch", body(DB, window(good, "[\"C3\", \"C4\"]",
                "1000000")), 422, "input[0].data"));
        c.add(json("window too long for MEG-GPT", body(ServeFixtures.MEGGPT, window(good, "[\"C3\", \"C4\"]", "128")),
                422, "input[0].data"));
        // positions, pooling, encoding
        c.add(json("positions count", body(DB, "{\"data\": " + good + ", \"channels\": [\"C3\", \"C4\"], \"sfreq\": 400,"
                + " \"positions\": [[0.01, 0.02, 0.03]]}"), 422, "input[0].positions"));
        c.add(json("position not xyz", body(DB, "{\"data\": " + good + ", \"channels\": [\"C3\", \"C4\"], \"sfreq\": 400,"
                + " \"positions\": [[0.01, 0.02], null]}"), 422, "input[0].positions[0]"));
        c.add(json("unknown pooling", "{\"model\": \"" + DB + "\", \"pooling\": \"median\", \"input\": [" + ok + "]}",
                422, "pooling"));
        c.add(json("MEG-GPT has no power pooling", "{\"model\": \"" + ServeFixtures.MEGGPT
                + "\", \"pooling\": \"power\", \"input\": [" + ok + "]}", 422, "pooling"));
        c.add(json("unknown encoding", "{\"model\": \"" + DB + "\", \"encoding_format\": \"hex\", \"input\": [" + ok
                + "]}", 422, "encoding_format"));
        // transport
        c.add(new Case("text/plain body", h -> h.send(h.request("/v1/embeddings", AUTH).header("Content-Type",
                "text/plain").POST(HttpRequest.BodyPublishers.ofString(body(DB, ok))).build()), 415, "Content-Type"));
        c.add(new Case("XML body", h -> h.send(h.request("/v1/embeddings", AUTH).header("Content-Type",
                "application/xml").POST(HttpRequest.BodyPublishers.ofString("<a/>")).build()), 415, "Content-Type"));
        byte[] huge = new byte[3 * 1024 * 1024 / 2];
        Arrays.fill(huge, (byte) ' ');
        c.add(new Case("body over the limit (Content-Length)", h -> h.postJson("/v1/embeddings", huge, AUTH), 413,
                "body"));
        c.add(new Case("body over the limit (chunked)", h -> h.postChunked("/v1/embeddings", "application/json", huge,
                AUTH), 413, "body"));
        c.add(new Case("GET on a POST endpoint", h -> h.get("/v1/embeddings", AUTH), 405, null));
        c.add(new Case("unknown path", h -> h.get("/v1/nothing-here", AUTH), 404, null));
        c.add(new Case("no API key", h -> h.postJson("/v1/embeddings", body(DB, ok)), 401, "X-API-Key"));
        c.add(new Case("wrong bearer key", h -> h.postJson("/v1/embeddings", body(DB, ok), "Authorization",
                "Bearer key-three"), 401, "Authorization"));
        c.add(new Case("wrong X-API-Key", h -> h.postJson("/v1/embeddings", body(DB, ok), "X-API-Key", "KEY-ONE"),
                401, "X-API-Key"));
        c.add(new Case("Accept text/plain on a bad request", h -> h.postJson("/v1/embeddings", "{", "Accept",
                "text/plain", AUTH[0], AUTH[1]), 406, null));
        // uploads
        Path edf = ServeFixtures.data("eeg/eegmmidb_S001R01.edf");
        byte[] edfBytes = Files.readAllBytes(edf);
        c.add(upload("no file part", List.of(Http.Part.field("model", DB)), 400, "file"));
        c.add(upload("no model field", List.of(Http.Part.file(edf)), 400, "model"));
        c.add(upload("unknown model", List.of(Http.Part.file(edf), Http.Part.field("model", "nope")), 404, "model"));
        c.add(upload("garbage as EDF", List.of(new Http.Part("file", "x.edf",
                "0       not an edf".getBytes(StandardCharsets.US_ASCII)), Http.Part.field("model", DB)), 422, "file"));
        c.add(upload("truncated EDF", List.of(new Http.Part("file", "cut.edf", Arrays.copyOf(edfBytes, 5000)),
                Http.Part.field("model", DB)), 422, "file"));
        c.add(upload("unknown file ending", List.of(new Http.Part("file", "notes.txt", "hello".getBytes()),
                Http.Part.field("model", DB)), 422, "file"));
        c.add(upload("hidden file name", List.of(new Http.Part("file", ".x.edf", edfBytes),
                Http.Part.field("model", DB)), 422, "file"));
        c.add(upload("not a zip", List.of(new Http.Part("file", "rec.zip", "PK not really".getBytes()),
                Http.Part.field("model", DB)), 422, "file"));
        c.add(upload("vhdr without its data", List.of(Http.Part.file(ServeFixtures.data("eeg/test.vhdr")),
                Http.Part.field("model", DB)), 422, "file"));
        c.add(upload("two recordings", List.of(Http.Part.file(edf),
                Http.Part.file(ServeFixtures.data("eeg/graz_mi_left_right.gdf")), Http.Part.field("model", DB)), 422,
                "file"));
        c.add(upload("MEG file for an EEG model", List.of(Http.Part.file(ServeFixtures.data("meg/bti_exported4d_raw.fif")),
                Http.Part.field("model", DB)), 422, "channels"));
        c.add(upload("negative stride", List.of(Http.Part.file(edf), Http.Part.field("model", DB),
                Http.Part.field("stride_seconds", "-1")), 422, "stride_seconds"));
        c.add(upload("stride a word", List.of(Http.Part.file(edf), Http.Part.field("model", DB),
                Http.Part.field("stride_seconds", "abc")), 400, "stride_seconds"));
        c.add(upload("unknown pooling", List.of(Http.Part.file(edf), Http.Part.field("model", DB),
                Http.Part.field("pooling", "median")), 422, "pooling"));
        byte[] big = new byte[3 * 1024 * 1024];
        c.add(upload("upload over the limit", List.of(new Http.Part("file", "big.edf", big),
                Http.Part.field("model", DB)), 413, null));
        c.add(new Case("JSON to the upload endpoint", h -> h.postJson("/v1/embeddings/file", body(DB, ok), AUTH), 415,
                "Content-Type"));
        // KServe v2
        String v2ok = "{\"inputs\": [{\"name\": \"windows\", \"shape\": [1, 2, 400], \"datatype\": \"FP32\", \"data\": "
                + good + "}], \"parameters\": {\"channels\": [\"C3\", \"C4\"], \"sfreq\": 400}}";
        c.add(v2("unknown model", "nope", v2ok, 404, "name"));
        c.add(new Case("metadata of an unknown model", h -> h.get("/v2/models/nope", AUTH), 404, "name"));
        c.add(v2("no inputs", DB, "{\"parameters\": {}}", 422, "inputs"));
        c.add(v2("INT32 datatype", DB, v2ok.replace("FP32", "INT32"), 422, "inputs[0].datatype"));
        c.add(v2("1-d shape", DB, v2ok.replace("[1, 2, 400]", "[800]"), 422, "inputs[0].shape"));
        c.add(v2("shape larger than the data", DB, v2ok.replace("[1, 2, 400]", "[2, 2, 400]"), 422,
                "inputs[0].data"));
        c.add(v2("absurd shape", DB, v2ok.replace("[1, 2, 400]", "[100000, 100000, 100000]"), 422,
                "inputs[0].shape"));
        c.add(v2("no channels", DB, v2ok.replace("\"channels\": [\"C3\", \"C4\"], ", ""), 422, "parameters.channels"));
        c.add(v2("no sfreq", DB, v2ok.replace(", \"sfreq\": 400", ""), 422, "parameters.sfreq"));
        c.add(v2("unknown head", DB, v2ok.replace("\"sfreq\": 400", "\"sfreq\": 400, \"head\": \"feet\""), 422,
                "parameters.head"));
        c.add(v2("pooling the head does not read", DB, v2ok.replace("\"sfreq\": 400",
                "\"sfreq\": 400, \"head\": \"hands\", \"pooling\": \"power\""), 422, "parameters.pooling"));
        c.add(v2("unknown output", DB, v2ok.replace("\"parameters\"", "\"outputs\": [{\"name\": \"logits\"}], "
                + "\"parameters\""), 422, "outputs[0].name"));
        c.add(v2("probabilities from a model without heads", ServeFixtures.MEGGPT, v2ok.replace("\"parameters\"",
                "\"outputs\": [{\"name\": \"probabilities\"}], \"parameters\"").replace("400]", "100]")
                .replace("\"sfreq\": 400", "\"sfreq\": 128"), 422, "parameters.head"));
        return c;
    }

    @Test
    void everyMalformedRequestIsAClientErrorNamingItsField(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        List<Case> cases = corpus(tmp);
        assertTrue(cases.size() >= 50, "corpus has " + cases.size() + " cases");
        Map<String, String> failures = new LinkedHashMap<>();
        for (Case c : cases) {
            Http.Reply r = c.send().apply(http);
            String type = r.header("Content-Type");
            String problem = null;
            if (r.status() < 400 || r.status() >= 500) {
                problem = "status " + r.status();
            } else if (r.status() != c.status()) {
                problem = "status " + r.status() + ", expected " + c.status();
            } else if (type == null || !type.startsWith("application/problem+json")) {
                problem = "content type " + type;
            } else {
                JsonNode body = r.json();
                if (body.get("status").asInt() != r.status() || body.get("detail").asString("").isBlank()) {
                    problem = "problem document " + body;
                } else if (c.field() != null && !c.field().equals(body.path("field").asString(null))) {
                    problem = "field " + body.path("field").asString(null) + ", expected " + c.field();
                }
            }
            if (problem != null) {
                failures.put(c.what(), problem + ": " + r.text());
            }
        }
        assertEquals(Map.of(), failures, failures.size() + " of " + cases.size() + " cases answered wrongly");
    }
}

package io.neurofm.serve.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The preview endpoint and the page's static files on the real server (an empty registry, keys required). */
class RecordingPreviewEndpointTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path EDF = SharedData.file("eeg/eegmmidb_S001R01.edf");
    @TempDir
    static Path dir;
    static ConfigurableApplicationContext server;
    static String url;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(dir.resolve("registry"));
        server = WebFixtures.startServer(dir.resolve("registry"));
        url = WebFixtures.baseUrl(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> preview(String query, Multipart body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/v1/recordings/preview" + query));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(body.into(request).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        JsonNode problem = JSON.readTree(r.body());
        assertEquals(status, problem.path("status").asInt());
        if (field != null) {
            assertEquals(field, problem.path("field").asString(), r.body());
        }
    }

    @Test
    void aRealEdfIsPreviewed() throws Exception {
        HttpResponse<String> r = preview("?seconds=2&points=5000&channels=2",
                new Multipart().file("file", "S001R01.edf", Files.readAllBytes(EDF)), WebFixtures.KEY);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = JSON.readTree(r.body());
        Recording full = Readers.read(EDF, OpenOptions.DEFAULT);
        assertEquals("S001R01.edf", p.path("file").asString());
        assertEquals(160.0, p.path("sampling_rate").asDouble());
        assertEquals(64, p.path("channel_count").asInt());
        assertEquals(62, p.path("omitted_channels").asInt());
        assertEquals(full.channelNames().subList(0, 2), Arrays.stream(JSON.treeToValue(p.path("channels"),
                RecordingPreview.PreviewChannel[].class)).map(RecordingPreview.PreviewChannel::name).toList());
        float[] row = JSON.treeToValue(p.path("data").get(1), float[].class);
        assertEquals(320, row.length);
        assertTrue(Arrays.equals(Arrays.copyOf(full.channelData(1), 320), row), "samples survive JSON exactly");
    }

    @Test
    void badUploadsAreProblemsNamingTheField(@TempDir Path tmp) throws Exception {
        byte[] edf = Files.readAllBytes(EDF);
        assertProblem(preview("", new Multipart().field("other", "x"), WebFixtures.KEY), 400, "file");
        assertProblem(preview("", new Multipart().file("file", "notes.txt", "hello".getBytes()), WebFixtures.KEY),
                415, "file");
        assertProblem(preview("", new Multipart().file("file", "empty.edf", new byte[0]), WebFixtures.KEY), 400,
                "file");
        assertProblem(preview("?seconds=0", new Multipart().file("file", "a.edf", edf), WebFixtures.KEY), 400,
                "seconds");
        assertProblem(preview("?points=lots", new Multipart().file("file", "a.edf", edf), WebFixtures.KEY), 400,
                "points");
        assertProblem(preview("?start=99999", new Multipart().file("file", "a.edf", edf), WebFixtures.KEY), 400,
                "start");
        HttpResponse<String> cut = preview("", new Multipart().file("file", "cut.edf", Arrays.copyOf(edf, 300)),
                WebFixtures.KEY);
        assertProblem(cut, 422, "file");
        String detail = JSON.readTree(cut.body()).path("detail").asString();
        assertTrue(detail.contains("cut.edf"), detail);
        assertFalse(detail.contains("neurofm-preview"), "the server's temp path leaked: " + detail);
        assertProblem(preview("", new Multipart().file("file", "a.edf", edf), null), 401, null);
        assertProblem(preview("", new Multipart().file("file", "a.edf", edf), "wrong"), 401, null);
    }

    @Test
    void thePageIsServedWithoutAKey() throws Exception {
        for (String path : new String[] {"/", "/app.js", "/style.css"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
        }
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("id=\"zoo\"") && page.body().contains("app.js"), page.body());
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no CDN or remote asset");
    }
}

package io.neurofm.serve.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.ModelRegistry;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The page at {@code /} in headless Chromium against the real server: the zoo card renders once
 * the API key is entered, and uploading a real shared EDF through the file input plots its
 * channels and shows the service's embedding. Run with {@code mvn -Pbrowser -pl serve test}.
 */
@Tag("browser")
class PageInBrowserTest {
    static final Path EDF = SharedData.file("eeg/eegmmidb_S001R01.edf");

    /** Screenshots land in target/browser for a person to look at; a failed capture must not hide the test's failure. */
    private static void save(Cdp page, String name) {
        try {
            Path shots = Path.of("target", "browser");
            Files.createDirectories(shots);
            Files.write(shots.resolve(name), page.screenshot());
        } catch (Exception | AssertionError e) {
            System.err.println("screenshot " + name + " not saved: " + e);
        }
    }

    @Test
    void zooCardRendersAndAnUploadedRecordingIsPlottedAndEmbedded(@TempDir Path dir) throws Exception {
        Path registry = dir.resolve("registry");
        WebFixtures.registerDeeperBrain(registry, dir);
        Recording recording = Readers.read(EDF, OpenOptions.DEFAULT);
        float[] expected;
        int expectedWindows;
        try (EmbeddingModel model = EmbeddingModels.load(new ModelRegistry(registry), WebFixtures.MODEL, null)) {
            List<PreparedWindow> windows = model.windows(recording, 0);
            expectedWindows = windows.size();
            expected = model.embed(windows.subList(0, 1), null)[0];
        }
        try (ConfigurableApplicationContext server = WebFixtures.startServer(registry); Cdp page = Cdp.launch()) {
            String url = WebFixtures.baseUrl(server) + "/";
            page.navigate(url);
            try {
                // Without a key the page says how to get in rather than showing an empty zoo.
                page.await("document.getElementById('zoo-status').textContent.includes('API key')",
                        Duration.ofSeconds(30));
                page.evaluate("(() => { const k = document.getElementById('api-key'); k.value = '"
                        + WebFixtures.KEY + "'; k.dispatchEvent(new Event('change')); return true; })()");
                page.await("document.querySelectorAll('#zoo .card').length === 1", Duration.ofSeconds(30));
                String title = page.evaluate("document.querySelector('#zoo .card h3').textContent").asString();
                assertTrue(title.startsWith(WebFixtures.MODEL), title);
                String cardText = page.evaluate("document.querySelector('#zoo .card').textContent").asString();
                assertTrue(cardText.contains("deeperbrain") && cardText.contains("200"), cardText);
                assertEquals(WebFixtures.MODEL, page.evaluate("document.getElementById('model').value").asString()
                        .split(":")[0]);

                page.setFile("#file", EDF);
                page.await("document.getElementById('plot').dataset.channels === '" + recording.channelCount() + "'",
                        Duration.ofSeconds(60));
                long inked = page.evaluate("(() => { const c = document.getElementById('plot');"
                        + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + " for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200) n++;"
                        + " return n; })()").asLong();
                assertTrue(inked > 20_000, "the traces left only " + inked + " dark pixels");
                String info = page.evaluate("document.getElementById('recording-info').textContent").asString();
                assertTrue(info.contains("64 channels") && info.contains("160 Hz"), info);

                page.await("document.getElementById('embedding').dataset.windows === '" + expectedWindows + "'",
                        Duration.ofSeconds(120));
                assertEquals(String.valueOf(expected.length),
                        page.evaluate("document.getElementById('embedding').dataset.dimensions").asString());
                String values = page.evaluate("document.getElementById('embedding-values').textContent").asString();
                assertTrue(values.startsWith("window 0: [" + String.format(Locale.ROOT, "%.4f", expected[0])),
                        values + " vs local embedding " + expected[0]);
                assertEquals("Done.", page.evaluate("document.getElementById('status').textContent").asString());
                save(page, "page-embedded.png");

                // A file no reader claims: the page shows the server's problem detail, not a broken plot.
                Path notes = dir.resolve("notes.txt");
                Files.writeString(notes, "not a recording");
                page.setFile("#file", notes);
                page.await("document.getElementById('status').classList.contains('error')", Duration.ofSeconds(30));
                String status = page.evaluate("document.getElementById('status').textContent").asString();
                assertTrue(status.contains("415") && status.contains("notes.txt"), status);
                assertTrue(page.console().stream().noneMatch(l -> l.startsWith("uncaught")), page.console().toString());
            } finally {
                save(page, "page-last.png");
            }
        }
    }
}

package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class QuickstartCommandTest {
    static final Pattern CURL = Pattern.compile(
            "curl -s (http://localhost:\\d+)/v1/embeddings -H 'Authorization: Bearer ([^']+)' "
                    + "-H 'Content-Type: application/json' --data @(\\S+)");

    @Test
    void aBusyPortIsSaidBeforeAnyTraining(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            long t0 = System.nanoTime();
            CliRun run = CliRun.of("quickstart", "--port", Integer.toString(port), "--registry",
                    dir.resolve("reg").toString(), "--run-dir", dir.resolve("run").toString());
            assertEquals(ErrorReporter.USER_ERROR, run.exitCode(), run.err());
            assertTrue(run.err().contains("port " + port + " on localhost is busy"), run.err());
            assertTrue(run.err().contains("--port"), "says how to choose another: " + run.err());
            assertFalse(Files.exists(dir.resolve("run")), "nothing was trained");
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused at once");
        }
    }

    @Test
    void checkModeTrainsRegistersServesAndThePrintedCurlWorks(@TempDir Path dir) throws Exception {
        Path registry = dir.resolve("reg");
        CliRun run = CliRun.of("quickstart", "--check", "--port", "0", "--steps", "1", "--registry",
                registry.toString(), "--run-dir", dir.resolve("run").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("for 1 steps") && run.err().contains("registered deeperbrain-tiny:1"),
                "bounded pretraining, registered: " + run.err());
        Matcher curl = CURL.matcher(run.out());
        assertTrue(curl.find(), "a curl line: " + run.out());
        assertTrue(run.out().contains("self-check passed"), run.out());
        assertEquals(QuickstartCommand.onPath("curl"), run.out().contains("the printed curl run as printed"),
                "with curl installed, --check runs the printed line itself: " + run.out());
        assertTrue(run.out().contains("API key: " + curl.group(2)), run.out());

        // Registered, and verifiable from the registry.
        assertEquals(List.of("1"), new ModelRegistry(registry).versions(QuickstartCommand.JOB));
        try (Artifact a = new ModelRegistry(registry).open(QuickstartCommand.JOB + ":1")) {
            assertEquals("deeperbrain", a.config().family());
        }

        // The body is a real window of the shared EEG: its first 4 channels, 2 s from 10 s, in volts.
        JsonNode body = JsonMapper.builder().build().readTree(Files.readString(Path.of(curl.group(3))));
        assertEquals(QuickstartCommand.JOB + ":1", body.path("model").asString());
        JsonNode window = body.path("input").get(0);
        Recording edf = Readers.read(DataPaths.sharedFile(QuickstartCommand.WINDOW_FILE), OpenOptions.DEFAULT);
        assertEquals(edf.samplingRate(), window.path("sfreq").asDouble());
        for (int c = 0; c < 4; c++) {
            assertEquals(edf.channelNames().get(c), window.path("channels").get(c).asString());
            float[] sent = new float[window.path("data").get(c).size()];
            for (int t = 0; t < sent.length; t++) {
                sent[t] = window.path("data").get(c).get(t).floatValue();
            }
            int start = (int) (QuickstartCommand.WINDOW_START * edf.samplingRate());
            int n = (int) (QuickstartCommand.WINDOW_SECONDS * edf.samplingRate());
            assertArrayEquals(Arrays.copyOfRange(edf.channelData(c), start, start + n), sent);
        }
    }
}

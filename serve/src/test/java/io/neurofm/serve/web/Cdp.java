package io.neurofm.serve.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium driven through the Chrome DevTools Protocol over the JDK's WebSocket client
 * (no browser-automation dependency). One browser, one page; {@link #call} sends a command and
 * waits for its answer; console messages and uncaught page exceptions are collected so a failing
 * test can show what the page said.
 */
final class Cdp implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process browser;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());

    private Cdp(Process browser, Path profile, WebSocket socket) {
        this.browser = browser;
        this.profile = profile;
        this.socket = socket;
    }

    /** The Chromium binary: -Dneurofm.chromium, else chromium or chromium-browser on the PATH. */
    static Path chromium() {
        String configured = System.getProperty("neurofm.chromium");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("Chromium not found on the PATH; install Debian's chromium "
                + "(run-tests.sh does) or pass -Dneurofm.chromium=/path/to/chromium");
    }

    /** Starts headless Chromium on an empty page and attaches to that page. */
    static Cdp launch() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("neurofm-chromium");
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
        Process process = new ProcessBuilder(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=1280,1600", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            URI browserSocket = awaitListening(process);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI list = URI.create("http://" + browserSocket.getAuthority() + "/json/list");
            String pageSocket = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pageSocket == null && System.nanoTime() < deadline) {
                String body = http.send(HttpRequest.newBuilder(list).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(body)) {
                    if ("page".equals(target.path("type").asString())) {
                        pageSocket = target.path("webSocketDebuggerUrl").asString();
                        break;
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(100);
                }
            }
            if (pageSocket == null) {
                throw new IllegalStateException("Chromium listed no page target at " + list);
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(30, TimeUnit.SECONDS);
            Cdp cdp = new Cdp(process, profile, socket);
            listener.owner = cdp;
            cdp.call("Runtime.enable", Map.of());
            cdp.call("Page.enable", Map.of());
            cdp.call("DOM.enable", Map.of());
            return cdp;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("could not attach to Chromium: " + e, e);
        }
    }

    /** Chromium prints its browser socket on stderr once the debugging port is open. */
    private static URI awaitListening(Process process) throws IOException {
        CompletableFuture<URI> found = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        found.complete(URI.create(m.group(1)));
                    } else if (!found.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                found.completeExceptionally(e);
            }
            found.completeExceptionally(new IllegalStateException("Chromium exited before opening its debugging "
                    + "port; it said:\n" + seen));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("Chromium did not start: " + e.getMessage() + "\n" + seen, e);
        }
    }

    /** Sends a command and returns its {@code result}; a protocol error becomes an IllegalStateException. */
    JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).join();
        JsonNode reply;
        try {
            reply = answer.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its JSON value. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page threw evaluating " + expression + ": "
                    + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls {@code expression} until it is true, or fails after {@code timeout} showing the page's console. */
    void await(String expression, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate("Boolean(" + expression + ")").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("page never satisfied " + expression + " within " + timeout
                + "; status: " + evaluate("(document.getElementById('status')||{}).textContent") + "; zoo: "
                + evaluate("(document.getElementById('zoo-status')||{}).textContent") + "; console: " + console);
    }

    void navigate(String url) throws InterruptedException {
        call("Page.navigate", Map.of("url", url));
        await("document.readyState === 'complete' && document.location.href.startsWith('" + url + "')",
                Duration.ofSeconds(30));
    }

    /** Puts a file into an {@code <input type=file>} as a user choosing it would (fires its change event). */
    void setFile(String selector, Path file) {
        int root = call("DOM.getDocument", Map.of()).path("root").path("nodeId").asInt();
        int node = call("DOM.querySelector", Map.of("nodeId", root, "selector", selector)).path("nodeId").asInt();
        if (node == 0) {
            throw new IllegalStateException("no element matches " + selector);
        }
        call("DOM.setFileInputFiles", Map.of("nodeId", node, "files", List.of(file.toAbsolutePath().toString())));
    }

    /** A PNG of the page, for looking at what the test saw. */
    byte[] screenshot() {
        String data = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                .path("data").asString();
        return java.util.Base64.getDecoder().decode(data);
    }

    List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    private void onMessage(String text) {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        String method = message.path("method").asString();
        JsonNode params = message.path("params");
        if (method.equals("Runtime.consoleAPICalled")) {
            StringBuilder line = new StringBuilder(params.path("type").asString()).append(':');
            for (JsonNode arg : params.path("args")) {
                line.append(' ').append(arg.has("value") ? arg.get("value").toString()
                        : arg.path("description").asString());
            }
            console.add(line.toString());
        } else if (method.equals("Runtime.exceptionThrown")) {
            console.add("uncaught: " + params.path("exceptionDetails").path("exception").path("description")
                    .asString(params.path("exceptionDetails").path("text").asString()));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
        browser.destroy();
        try {
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Reassembles fragmented text frames into whole protocol messages. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        volatile Cdp owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                Cdp cdp = owner;
                if (cdp != null) {
                    cdp.onMessage(text);
                } else {
                    // Answers arrive only after launch() has set the owner; nothing is sent before.
                    throw new IllegalStateException("protocol message before attach: " + text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

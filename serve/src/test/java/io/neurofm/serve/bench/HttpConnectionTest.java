package io.neurofm.serve.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's HTTP/1.1 client against a raw socket server that writes exact bytes, so every
 * framing it must read (Content-Length, chunked, read-to-close, Connection: close) is exercised.
 */
class HttpConnectionTest {
    ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Serves each connection: reads a request (head + Content-Length body), writes the next answer; an answer ending the connection closes it. */
    InetSocketAddress serve(String... answers) throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        AtomicInteger next = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    accepted.incrementAndGet();
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    while (next.get() < answers.length) {
                        String request = readRequest(in);
                        if (request == null) {
                            break;
                        }
                        requests.add(request);
                        String answer = answers[next.getAndIncrement()];
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (answer.contains("Connection: close") || !answer.contains("Content-Length")
                                && !answer.contains("chunked")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    byte[] post(InetSocketAddress a, String body) {
        return HttpConnection.request("POST", a, "/v1/embeddings", body.getBytes(StandardCharsets.UTF_8),
                "Authorization: Bearer k");
    }

    @Test
    void theRequestCarriesHostHeadersLengthAndBody() throws Exception {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 8080);
        String request = new String(post(a, "{\"x\":1}"), StandardCharsets.US_ASCII);
        assertEquals("POST /v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: Bearer k\r\n"
                + "Content-Length: 7\r\n\r\n{\"x\":1}", request);
        String get = new String(HttpConnection.request("GET", a, "/v2/health/live", new byte[0]),
                StandardCharsets.US_ASCII);
        assertEquals("GET /v2/health/live HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", get);
    }

    @Test
    void readsLengthChunkedAndRetryAfterOnOneKeptAliveConnection() throws Exception {
        InetSocketAddress a = serve(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n4\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n",
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 2\r\n\r\n{}");
        try (HttpConnection c = new HttpConnection(a, 10_000)) {
            HttpConnection.Response r1 = c.exchange(post(a, "one"));
            assertEquals(200, r1.status());
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), r1.body());
            assertFalse(r1.retryAfter());
            HttpConnection.Response r2 = c.exchange(post(a, "two"));
            assertArrayEquals("abcdefg".getBytes(StandardCharsets.US_ASCII), r2.body());
            HttpConnection.Response r3 = c.exchange(post(a, "three"));
            assertEquals(503, r3.status());
            assertTrue(r3.retryAfter());
        }
        assertEquals(1, accepted.get(), "one connection kept alive across the three exchanges");
        assertTrue(requests.get(2).endsWith("three"));
    }

    @Test
    void connectionCloseAndReadToEndReopenForTheNextRequest() throws Exception {
        InetSocketAddress a = serve(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 404 Not Found\r\n\r\nno length, read to the end",
                "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        try (HttpConnection c = new HttpConnection(a, 10_000)) {
            assertEquals(200, c.exchange(post(a, "a")).status());
            HttpConnection.Response r = c.exchange(post(a, "b"));
            assertEquals(404, r.status());
            assertEquals("no length, read to the end", new String(r.body(), StandardCharsets.US_ASCII));
            assertEquals(204, c.exchange(post(a, "c")).status());
        }
        assertEquals(3, accepted.get());
    }

    @Test
    void aTruncatedAnswerIsAnErrorAndTheNextExchangeReconnects() throws Exception {
        InetSocketAddress a = serve(
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nshort",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (HttpConnection c = new HttpConnection(a, 10_000)) {
            assertThrows(EOFException.class, () -> c.exchange(post(a, "a")));
            assertEquals(200, c.exchange(post(a, "b")).status());
        }
        assertThrows(IOException.class, () -> {
            try (HttpConnection c = new HttpConnection(a, 10_000)) {
                server.close();
                c.exchange(post(a, "c"));
            }
        });
    }
}

package io.neurofm.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Metrics as JSON lines ({@code <run>/metrics.jsonl}), appended and flushed line by line so a
 * killed run keeps everything it logged. A checkpoint carries a copy; resuming puts that copy back,
 * dropping lines logged after the checkpoint (their steps are run again).
 */
public final class MetricsLog implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;
    private final BufferedWriter out;

    public MetricsLog(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public Path file() {
        return file;
    }

    public void append(Map<String, Object> line) throws IOException {
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

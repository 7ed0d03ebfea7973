package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code neurofm serve} flags become the ServeSettings properties the server binds. */
class ServeCommandTest {
    @Test
    void flagsMapToServeSettingsProperties(@TempDir Path registry) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--port", "9090", "--registry", registry.toString(), "--models",
                "a,b:2", "--batch-size", "4", "--max-delay-ms", "7", "--queue", "9", "--workers", "3",
                "--no-batching", "--set", "neurofm.request-timeout-ms=1000");
        Map<String, String> p = command.properties();
        assertEquals("9090", p.get("server.port"));
        assertEquals("127.0.0.1", p.get("server.address"));
        assertEquals(registry.toAbsolutePath().normalize().toString(), p.get("neurofm.registry"));
        assertEquals("a,b:2", p.get("neurofm.models"));
        assertEquals("4", p.get("neurofm.batch-size"));
        assertEquals("7", p.get("neurofm.max-delay-ms"));
        assertEquals("9", p.get("neurofm.queue"));
        assertEquals("3", p.get("neurofm.workers"));
        assertEquals("false", p.get("neurofm.batching"));
        assertEquals("1000", p.get("neurofm.request-timeout-ms"));
    }

    @Test
    void defaultsLeaveBatchingToTheSettings(@TempDir Path registry) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--registry", registry.toString());
        Map<String, String> p = command.properties();
        assertEquals("8080", p.get("server.port"));
        assertEquals(null, p.get("neurofm.batching"));
        assertEquals(null, p.get("neurofm.models"));
    }
}

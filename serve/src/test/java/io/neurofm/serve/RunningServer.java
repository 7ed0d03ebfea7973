package io.neurofm.serve;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server on a random loopback port, over the fixture registry, with two API keys. Test
 * classes extending this share one application context (Spring's context cache).
 */
@SpringBootTest(classes = NeurofmServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"neurofm.api-keys=key-one, key-two", "neurofm.max-request-size=1MB",
                "neurofm.max-file-size=2MB", "neurofm.batch-size=8", "neurofm.max-delay-ms=2", "neurofm.workers=2",
                "neurofm.request-timeout-ms=120000"})
abstract class RunningServer {
    static final String KEY = "key-one";
    static final String[] AUTH = {"Authorization", "Bearer " + KEY};

    @LocalServerPort
    int port;
    Http http;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry registry) {
        registry.add("neurofm.registry", () -> ServeFixtures.registry().toString());
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }
}

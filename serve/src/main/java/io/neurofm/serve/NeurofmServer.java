package io.neurofm.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** The neurofm REST service: embeddings, KServe v2 inference, the model registry, health and metrics. */
@SpringBootApplication
@EnableConfigurationProperties(ServeSettings.class)
public class NeurofmServer {
    public static void main(String[] args) {
        SpringApplication.run(NeurofmServer.class, args);
    }

    /**
     * Starts the server with {@code properties} (e.g. "server.port" -> "8080", "neurofm.batch-size" -> "8")
     * taking precedence over application.properties; the caller closes the returned context to stop it.
     */
    public static ConfigurableApplicationContext start(Map<String, String> properties, String... args) {
        List<String> all = new ArrayList<>();
        properties.forEach((k, v) -> all.add("--" + k + "=" + v));
        all.addAll(List.of(args));
        return SpringApplication.run(NeurofmServer.class, all.toArray(new String[0]));
    }
}

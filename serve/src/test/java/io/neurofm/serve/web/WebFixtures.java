package io.neurofm.serve.web;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.artifact.RegistryEntry;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.serve.NeurofmServer;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A seeded, untrained DeeperBrain tiny in a temp registry, and the real server started over it. */
final class WebFixtures {
    static final String MODEL = "deeperbrain-tiny";
    static final String KEY = "page-test-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebFixtures() {}

    /** DeeperBrain tiny at 200 Hz, 2 s windows, 0.5-45 Hz band-pass, registered as {@value #MODEL}. */
    static RegistryEntry registerDeeperBrain(Path registry, Path scratch) throws IOException {
        DeeperBrainConfig config = DeeperBrainPreset.TINY.config();
        ObjectNode hyper = JSON.createObjectNode();
        hyper.set("model", JSON.valueToTree(config));
        hyper.put("window_samples", 400);
        hyper.put("input_scale", 1e5);
        PreprocessingSpec pre = new PreprocessingSpec(200, List.of(FilterSpec.bandpass(0.5, 45, 4)),
                Readers.read(SharedData.file("eeg/eegmmidb_S001R01.edf"), OpenOptions.DEFAULT).channels().stream()
                        .map(ChannelSpec::of).toList(), null);
        ModelCard card = new ModelCard("Untrained DeeperBrain tiny", "Seeded weights for the page test.",
                "None (untrained).", "None.", Map.of(), "Tests of the web page only.", "Untrained: embeddings mean nothing.");
        DeeperBrainModel model = new DeeperBrainModel(config);
        Path out = scratch.resolve("deeperbrain-artifact");
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            model.initialize(manager);
            new ArtifactWriter(ArtifactConfig.of("deeperbrain", "tiny", hyper), pre, card, model.block())
                    .writeDirectory(out);
        }
        return new ModelRegistry(registry).register(out, MODEL);
    }

    /** The real server on a free loopback port over {@code registry}, keys required. */
    static ConfigurableApplicationContext startServer(Path registry) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("neurofm.registry", registry.toString());
        properties.put("neurofm.api-keys", KEY);
        return NeurofmServer.start(properties);
    }

    static String baseUrl(ConfigurableApplicationContext server) {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }
}

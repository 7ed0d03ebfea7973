package io.neurofm.serve;

import ai.djl.ndarray.NDManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.DecodingHead;
import io.neurofm.artifact.ModelRef;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.RegistryEntry;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.serve.api.ClientProblem;
import io.neurofm.serve.batch.BatchPolicy;
import io.neurofm.serve.batch.ModelLoader;
import io.neurofm.serve.batch.ModelWorkers;
import io.neurofm.serve.batch.ServedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The models this server answers for, loaded at startup from the registry (checksums verified by
 * {@link Artifact#open}): {@code workers} instances of each, one worker thread per instance.
 */
@Component
public class ModelCatalog implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

    private final ModelRegistry registry;
    private final Map<String, ServedModel> models = new LinkedHashMap<>();

    public ModelCatalog(ServeSettings settings, ModelRegistry registry, ModelLoader loader, MeterRegistry meters)
            throws IOException {
        this.registry = registry;
        BatchPolicy policy = new BatchPolicy(settings.batching(), settings.batchSize(), settings.maxDelayMs(),
                settings.queue());
        List<String> refs = settings.models().isEmpty() ? servable(registry) : settings.models();
        try {
            for (String ref : refs) {
                ServedModel m = load(registry, ref, settings.workers(), loader, policy, meters);
                if (models.putIfAbsent(m.name(), m) != null) {
                    m.close();
                    throw new IllegalArgumentException("model " + m.name() + " is listed twice in neurofm.models");
                }
                LOG.info("serving {}:{} ({} {}, {} worker(s), batching {}, heads {})", m.name(), m.version(),
                        m.description().family(), m.description().size(), settings.workers(),
                        settings.batching() ? "on, up to " + settings.batchSize() + " windows / "
                                + settings.maxDelayMs() + " ms" : "off", m.heads().keySet());
            }
        } catch (IOException | RuntimeException e) {
            destroy();
            throw e;
        }
        if (models.isEmpty()) {
            LOG.warn("no model to serve in registry {}: readiness stays DOWN until a server is started with models",
                    registry.root());
        }
    }

    /** The latest version of every registered model whose family has an embedding path. */
    private static List<String> servable(ModelRegistry registry) throws IOException {
        Map<String, RegistryEntry> latest = new TreeMap<>();
        for (RegistryEntry e : registry.list()) {
            if (e.config() == null) {
                LOG.warn("skipping {}: {}", e.ref(), e.problem());
            } else if (!EmbeddingModels.FAMILIES.contains(e.config().family())) {
                LOG.info("skipping {}: family {} has no embedding path", e.ref(), e.config().family());
            } else {
                latest.put(e.name(), e);   // list() gives versions oldest first
            }
        }
        return new ArrayList<>(latest.keySet());
    }

    private static ServedModel load(ModelRegistry registry, String ref, int workers, ModelLoader loader,
            BatchPolicy policy, MeterRegistry meters) throws IOException {
        Path dir = registry.resolve(ref);
        String name = dir.getParent().getFileName().toString();
        String version = dir.getFileName().toString();
        List<EmbeddingModel> instances = new ArrayList<>();
        try (Artifact artifact = Artifact.open(dir)) {
            for (int i = 0; i < workers; i++) {
                instances.add(loader.load(artifact, name + ":" + version));
            }
            Map<String, DecodingHead> heads;
            try (NDManager scratch = NDManager.newBaseManager()) {
                heads = DecodingHead.loadAll(artifact, instances.get(0).description().dimensions(), scratch);
            }
            return new ServedModel(name, version, instances.get(0),
                    new ModelWorkers(name, instances, policy, meters), heads);
        } catch (IOException | RuntimeException e) {
            instances.forEach(EmbeddingModel::close);
            throw e;
        }
    }

    public ModelRegistry registry() {
        return registry;
    }

    public Collection<ServedModel> all() {
        return models.values();
    }

    public boolean ready() {
        return !models.isEmpty();
    }

    /**
     * The served model for NAME or NAME:VERSION (the version must be the one served).
     *
     * @throws ClientProblem 404 naming {@code field}
     */
    public ServedModel get(String reference, String field) {
        if (reference == null || reference.isBlank()) {
            throw ClientProblem.badRequest(field, "a model name is required; served: " + models.keySet());
        }
        ModelRef ref;
        try {
            ref = ModelRef.parse(reference);
        } catch (IllegalArgumentException e) {
            throw ClientProblem.badRequest(field, "\"" + reference + "\" is not NAME[:VERSION]: " + e.getMessage());
        }
        ServedModel m = models.get(ref.name());
        if (m == null) {
            throw ClientProblem.notFound(field, "model \"" + ref.name() + "\" is not served here; served: "
                    + models.keySet());
        }
        if (ref.version() != null && !ref.version().equals(m.version())) {
            throw ClientProblem.notFound(field, "model " + ref.name() + " is served at version " + m.version()
                    + ", not " + ref.version());
        }
        return m;
    }

    @Override
    public void destroy() {
        models.values().forEach(ServedModel::close);
        models.clear();
    }
}

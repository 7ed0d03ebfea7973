package io.neurofm.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/** The rendered and strictly parsed objects of each kustomization (base and overlays), cached. */
final class Rendered {
    static final List<String> VARIANTS = List.of("base", "overlays/dev", "overlays/gpu");
    private static final Map<String, List<HasMetadata>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    static List<HasMetadata> objects(String variant) {
        return CACHE.computeIfAbsent(variant, v -> {
            try {
                List<HasMetadata> out = new ArrayList<>();
                for (ObjectNode tree : Kustomize.render(DeploymentContract.root().resolve("k8s").resolve(v))) {
                    out.add(Manifests.typed(tree));
                }
                return List.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static <T extends HasMetadata> List<T> all(String variant, Class<T> type) {
        return objects(variant).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(String variant, Class<T> type, String name) {
        return all(variant, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(variant + ": no " + type.getSimpleName() + " " + name));
    }

    /** Pod specs of Deployments and Jobs, named "Kind name". */
    static Map<String, PodSpec> podSpecs(String variant) {
        Map<String, PodSpec> out = new java.util.LinkedHashMap<>();
        all(variant, Deployment.class).forEach(d -> out.put("Deployment " + d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec()));
        all(variant, Job.class).forEach(j -> out.put("Job " + j.getMetadata().getName(),
                j.getSpec().getTemplate().getSpec()));
        return out;
    }

    static List<Container> containers(String variant) {
        return podSpecs(variant).values().stream().flatMap(p -> p.getContainers().stream()).toList();
    }

    static Path k8s(String variant) {
        return DeploymentContract.root().resolve("k8s").resolve(variant);
    }
}

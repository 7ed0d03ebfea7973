package io.neurofm.deploy;

import static io.neurofm.deploy.DeploymentContract.API_KEYS_ENV;
import static io.neurofm.deploy.DeploymentContract.HTTP_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every object of k8s/ (base and each overlay, rendered by {@link Kustomize}) parses strictly into
 * its fabric8 type, and the serving and job objects agree with {@link DeploymentContract} and with
 * each other (selectors, named ports, claims, secrets).
 */
class ManifestsTest {
    static final List<String> VARIANTS = Rendered.VARIANTS;

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyObjectParsesStrictlyAndTheExpectedOnesArePresent(String variant) {
        List<HasMetadata> objects = Rendered.objects(variant);
        Map<String, Long> kinds = objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind,
                Collectors.counting()));
        assertEquals(Map.of("Deployment", 1L, "Service", 1L, "HorizontalPodAutoscaler", 1L,
                "PodDisruptionBudget", 1L, "Job", 2L, "PersistentVolumeClaim", 3L), kinds, variant);
        String namespace = variant.equals("base") ? null : objects.get(0).getMetadata().getNamespace();
        objects.forEach(o -> assertEquals(namespace, o.getMetadata().getNamespace(), variant + " " + o.getKind()));
    }

    @Test
    void anUnknownFieldOrAWrongTypeIsRefusedNamingIt() throws IOException {
        ObjectNode deployment = Kustomize.documents(Rendered.k8s("base").resolve("serve-deployment.yaml")).get(0);
        assertNotNull(Manifests.typed(deployment.deepCopy()));

        ObjectNode misspelt = deployment.deepCopy();
        ((ObjectNode) misspelt.at("/spec/template/spec/containers/0/ports/0")).put("contianerPort", 8080);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifests.typed(misspelt));
        assertTrue(e.getMessage().contains("contianerPort"), e.getMessage());

        ObjectNode topLevel = deployment.deepCopy();
        ((ObjectNode) topLevel.get("spec")).put("replica", 3);
        e = assertThrows(IllegalArgumentException.class, () -> Manifests.typed(topLevel));
        assertTrue(e.getMessage().contains("replica"), e.getMessage());

        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.at("/spec/template/spec/containers/0/livenessProbe")).put("periodSeconds", "often");
        assertThrows(RuntimeException.class, () -> Manifests.typed(wrongType));

        ObjectNode unknownKind = deployment.deepCopy();
        unknownKind.put("apiVersion", "apps/v1beta9");
        assertThrows(IllegalArgumentException.class, () -> Manifests.typed(unknownKind));
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void theServiceListensWhereTheContractSaysWithProbesOnTheActuatorPaths(String variant) {
        Deployment deployment = Rendered.one(variant, Deployment.class, "neurofm-serve");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container serve = pod.getContainers().get(0);
        assertEquals(1, pod.getContainers().size());
        assertEquals(DeploymentContract.SERVE_ARGS, serve.getArgs());
        ContainerPort http = serve.getPorts().stream().filter(p -> p.getContainerPort() == HTTP_PORT).findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + HTTP_PORT));
        assertEquals("http", http.getName());
        assertEquals(DeploymentContract.LIVENESS_PATH, path(serve, serve.getLivenessProbe().getHttpGet()));
        assertEquals(DeploymentContract.READINESS_PATH, path(serve, serve.getReadinessProbe().getHttpGet()));
        assertEquals(DeploymentContract.LIVENESS_PATH, path(serve, serve.getStartupProbe().getHttpGet()));
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals(DeploymentContract.PROMETHEUS_PATH, annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(HTTP_PORT), annotations.get("prometheus.io/port"));

        EnvVar keys = env(serve, API_KEYS_ENV);
        assertNull(keys.getValue(), "API keys must come from a Secret, not a literal");
        assertEquals(DeploymentContract.API_KEYS_SECRET, keys.getValueFrom().getSecretKeyRef().getName());
        assertEquals(DeploymentContract.API_KEYS_SECRET_KEY, keys.getValueFrom().getSecretKeyRef().getKey());
        assertMounted(pod, serve, env(serve, DeploymentContract.MODELS_ENV).getValue(), "neurofm-models");
        assertTrue(serve.getSecurityContext().getReadOnlyRootFilesystem());

        Service service = Rendered.one(variant, Service.class, "neurofm-serve");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        IntOrString target = service.getSpec().getPorts().get(0).getTargetPort();
        assertEquals(HTTP_PORT, port(serve, target));

        HorizontalPodAutoscaler hpa = Rendered.one(variant, HorizontalPodAutoscaler.class, "neurofm-serve");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() <= deployment.getSpec().getReplicas()
                && deployment.getSpec().getReplicas() <= hpa.getSpec().getMaxReplicas());
        assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
        assertNotNull(serve.getResources().getRequests().get("cpu"), "HPA CPU utilisation needs a CPU request");

        PodDisruptionBudget pdb = Rendered.one(variant, PodDisruptionBudget.class, "neurofm-serve");
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < hpa.getSpec().getMinReplicas(),
                "the budget must leave a pod evictable at the minimum replica count");
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyContainerHasRequestsAndLimitsKnownEnvAndMountedClaims(String variant) {
        Set<String> claims = Rendered.all(variant, PersistentVolumeClaim.class).stream()
                .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        for (Map.Entry<String, PodSpec> e : Rendered.podSpecs(variant).entrySet()) {
            PodSpec pod = e.getValue();
            String where = variant + " " + e.getKey();
            assertTrue(pod.getSecurityContext().getRunAsNonRoot(), where);
            assertEquals(DeploymentContract.UID, pod.getSecurityContext().getRunAsUser(), where);
            Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
            for (Volume v : pod.getVolumes()) {
                if (v.getPersistentVolumeClaim() != null) {
                    assertTrue(claims.contains(v.getPersistentVolumeClaim().getClaimName()), where + " " + v.getName());
                }
            }
            for (Container c : pod.getContainers()) {
                for (String kind : List.of("requests", "limits")) {
                    Map<String, Quantity> r = kind.equals("requests") ? c.getResources().getRequests()
                            : c.getResources().getLimits();
                    assertNotNull(r.get("cpu"), where + " " + kind + " cpu");
                    assertNotNull(r.get("memory"), where + " " + kind + " memory");
                }
                for (String resource : c.getResources().getRequests().keySet()) {
                    assertTrue(Quantity.getAmountInBytes(c.getResources().getRequests().get(resource))
                            .compareTo(Quantity.getAmountInBytes(c.getResources().getLimits().get(resource))) <= 0,
                            where + " " + resource + " request above its limit");
                }
                for (EnvVar env : c.getEnv()) {
                    assertTrue(DeploymentContract.KNOWN_ENV.contains(env.getName()), where + " unknown env " + env.getName());
                }
                for (VolumeMount m : c.getVolumeMounts()) {
                    assertTrue(volumes.contains(m.getName()), where + " mounts missing volume " + m.getName());
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void pretrainingResumesOnTheCheckpointVolumeAndRegistersWhereTheServiceReads(String variant) {
        Job job = Rendered.one(variant, Job.class, "neurofm-pretrain");
        assertTrue(job.getSpec().getBackoffLimit() >= 1, "a retried pod must be allowed");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        List<String> args = c.getArgs();
        assertEquals("pretrain", args.get(0));
        assertTrue(args.contains("--resume"), "a rescheduled pod must continue the run: " + args);
        assertMounted(pod, c, after(args, "--run-dir"), "neurofm-checkpoints");
        String registry = after(args, "--registry");
        assertEquals(env(c, DeploymentContract.MODELS_ENV).getValue(), registry);
        assertMounted(pod, c, registry, "neurofm-models");
        assertMounted(pod, c, env(c, DeploymentContract.DATA_ENV).getValue(), "neurofm-data");

        Job probe = Rendered.one(variant, Job.class, "neurofm-probe");
        assertTrue(probe.getSpec().getBackoffLimit() >= 1);
        PodSpec probePod = probe.getSpec().getTemplate().getSpec();
        Container p = probePod.getContainers().get(0);
        assertMounted(probePod, p, after(p.getArgs(), "--data"), "neurofm-data");
        assertMounted(probePod, p, after(p.getArgs(), "--out"), "neurofm-checkpoints");
    }

    @Test
    void onlyTheGpuOverlayAsksForAGpuAndOnlyForPretrainingOnTheTrainImage() {
        for (String variant : VARIANTS) {
            for (Map.Entry<String, PodSpec> e : Rendered.podSpecs(variant).entrySet()) {
                Container c = e.getValue().getContainers().get(0);
                boolean gpu = variant.equals("overlays/gpu") && e.getKey().equals("Job neurofm-pretrain");
                Quantity limit = c.getResources().getLimits().get("nvidia.com/gpu");
                if (gpu) {
                    assertEquals(new Quantity("1"), limit, e.getKey());
                    assertEquals(limit, c.getResources().getRequests().get("nvidia.com/gpu"));
                    assertTrue(c.getImage().contains("neurofm-train"), c.getImage());
                    assertTrue(e.getValue().getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())));
                } else {
                    assertNull(limit, variant + " " + e.getKey());
                }
            }
        }
        assertFalse(Rendered.one("overlays/dev", Job.class, "neurofm-pretrain").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage().contains("neurofm-train"), "dev has no CUDA");
    }

    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < args.size(), option + " missing in " + args);
        return args.get(i + 1);
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no env " + name));
    }

    /** {@code path} lies in a mount of a volume backed by {@code claim}. */
    private static void assertMounted(PodSpec pod, Container c, String path, String claim) {
        assertNotNull(path);
        boolean found = c.getVolumeMounts().stream().anyMatch(m -> (path + "/").startsWith(m.getMountPath() + "/")
                && pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName())
                && v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName().equals(claim)));
        assertTrue(found, c.getName() + ": " + path + " is not on a mount of claim " + claim);
    }

    private static String path(Container c, HTTPGetAction get) {
        assertEquals(HTTP_PORT, port(c, get.getPort()));
        return get.getPath();
    }

    private static int port(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }
}

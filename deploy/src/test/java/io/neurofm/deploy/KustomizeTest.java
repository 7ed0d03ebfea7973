package io.neurofm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.node.ObjectNode;

/** The test renderer of kustomizations against kubectl's kustomize, and its refusals. */
class KustomizeTest {
    static final List<String> VARIANTS = Rendered.VARIANTS;

    /**
     * Where kubectl is installed (it is on this project's development machines, not guaranteed on
     * others), its kustomize output must equal ours object for object; elsewhere this is skipped
     * and the other tests rely on our renderer alone.
     */
    @ParameterizedTest
    @FieldSource("VARIANTS")
    void ourRenderingEqualsKubectlKustomize(String variant) throws Exception {
        Path kubectl = List.of("/usr/bin/kubectl", "/usr/local/bin/kubectl").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl not installed: rendering not compared with kustomize");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", Rendered.k8s(variant).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Path rendered = Files.createTempFile("kustomize", ".yaml");
        try {
            Files.writeString(rendered, out);
            assertEquals(byName(Kustomize.documents(rendered)), byName(Kustomize.render(Rendered.k8s(variant))));
        } finally {
            Files.delete(rendered);
        }
    }

    private static Map<String, ObjectNode> byName(List<ObjectNode> objects) {
        Map<String, ObjectNode> out = new TreeMap<>();
        objects.forEach(o -> out.put(o.path("kind").asString() + "/" + o.path("metadata").path("name").asString(), o));
        assertEquals(objects.size(), out.size(), "duplicate objects");
        return out;
    }

    @Test
    void aKustomizationFeatureTheRendererLacksIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
        assertTrue(e.getMessage().contains("commonLabels"), e.getMessage());
    }

    @Test
    void aPatchOfAMissingObjectIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - "
                + Rendered.k8s("base").toAbsolutePath() + "\npatches:\n  - path: p.yaml\n");
        Files.writeString(dir.resolve("p.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nope\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
    }
}

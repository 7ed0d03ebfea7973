package io.neurofm.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the images and manifests assume about the code, in one place: the serving port and its
 * Actuator paths, the environment variables the service and the jobs read, the user the images
 * run as. The tests check docker/ and k8s/ against these; when the service changes one of them,
 * this file changes with it and the tests point at every place that must follow.
 */
final class DeploymentContract {
    private DeploymentContract() {
    }

    /** {@code neurofm serve --port}: the container port of the service. */
    static final int HTTP_PORT = 8080;
    static final String LIVENESS_PATH = "/actuator/health/liveness";
    static final String READINESS_PATH = "/actuator/health/readiness";
    static final String PROMETHEUS_PATH = "/actuator/prometheus";
    /** The serving command line (the image's default command and the Deployment's args). */
    static final List<String> SERVE_ARGS = List.of("serve", "--port", String.valueOf(HTTP_PORT));

    /** Comma-separated raw API keys, hashed by the service at startup; only ever from a Secret. */
    static final String API_KEYS_ENV = "NEUROFM_API_KEYS";
    /** The model registry folder. */
    static final String MODELS_ENV = "NEUROFM_MODELS";
    /** The recordings folder that bundled jobs' relative inputs resolve against. */
    static final String DATA_ENV = "NEUROFM_DATA";
    /** Every variable the manifests may set on a neurofm container. */
    static final Set<String> KNOWN_ENV = Set.of(API_KEYS_ENV, MODELS_ENV, DATA_ENV);

    /** Secret and key the Deployment takes the API keys from (created out of band, see k8s/README.md). */
    static final String API_KEYS_SECRET = "neurofm-api-keys";
    static final String API_KEYS_SECRET_KEY = "keys";

    /** Numeric user and group of both images (numeric so that runAsNonRoot can be verified). */
    static final long UID = 10001;

    /** libtorch of the train image: must equal the root pom's pytorch.version. */
    static final String PYTORCH_VERSION = "2.7.1";
    static final String PYTORCH_FLAVOR = "cu128";

    /**
     * Verbs used in the manifests that the CLI in this branch does not have yet: the serving issue
     * adds {@code serve}. Their arguments cannot be parsed until then; the test fails as soon as a
     * verb here exists (remove it from this set then, and its arguments are checked).
     */
    static final Set<String> PENDING_VERBS = Set.of("serve");

    /** The repository root (tests run in the deploy module's folder). */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isRegularFile(here.resolve("../pom.xml")) && Files.isDirectory(here.resolve("../k8s"))
                ? here.getParent() : here;
        if (!Files.isDirectory(root.resolve("k8s")) || !Files.isDirectory(root.resolve("docker"))) {
            throw new IllegalStateException("no k8s/ and docker/ beside " + here);
        }
        return root;
    }
}

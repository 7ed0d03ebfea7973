package io.neurofm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles read as text (no Docker engine on these machines): pinned bases, a non-root
 * final user, no secret in the image, the serving healthcheck on the Actuator liveness path, the
 * train image's libtorch matching the project's PyTorch version.
 */
class DockerfilesTest {
    /** name:tag with a version-like tag (digits and dots), or name@sha256:digest. */
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+(:[A-Za-z0-9._-]*\\d+\\.\\d+[A-Za-z0-9._-]*"
            + "(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL).*");

    private static Dockerfiles read(String name) throws IOException {
        return Dockerfiles.read(DeploymentContract.root().resolve("docker").resolve(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve.Dockerfile", "train.Dockerfile"})
    void basesArePinnedAndBuiltFromTheMavenBuild(String name) throws IOException {
        Dockerfiles d = read(name);
        Set<String> stages = new HashSet<>();
        for (String from : d.all("FROM")) {
            String[] parts = from.split("\\s+");
            String image = parts[0];
            assertTrue(stages.contains(image) || PINNED.matcher(image).matches(),
                    name + ": base image not pinned to an exact version or digest: " + image);
            assertFalse(image.endsWith(":latest"), image);
            if (parts.length == 3 && parts[1].equalsIgnoreCase("AS")) {
                stages.add(parts[2]);
            }
        }
        assertTrue(d.all("RUN").stream().anyMatch(r -> r.contains("mvn") && r.contains("package")),
                name + ": no Maven build stage");
        assertTrue(d.all("COPY").stream().anyMatch(c -> c.startsWith("--from=build") && c.contains("neurofm-cli.jar")),
                name + ": the final image does not take the jar from the build stage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve.Dockerfile", "train.Dockerfile"})
    void theFinalImageRunsAsTheContractsNonRootUserAndHoldsNoSecret(String name) throws IOException {
        Dockerfiles d = read(name);
        List<Dockerfiles.Instruction> last = d.finalStage();
        String user = last.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(name + ": the final stage sets no USER")).rest();
        assertEquals(DeploymentContract.UID + ":" + DeploymentContract.UID, user,
                name + ": numeric non-root user expected (runAsNonRoot can only verify a numeric one)");
        assertTrue(d.all("RUN").stream().anyMatch(r -> r.contains("--uid " + DeploymentContract.UID)),
                name + ": the user is not created");
        Map<String, String> env = env(d);
        for (String key : env.keySet()) {
            assertFalse(SECRET_NAME.matcher(key).matches(), name + ": ENV " + key + " looks like a secret");
        }
        for (String arg : d.all("ARG")) {
            String argName = arg.split("=", 2)[0];
            assertFalse(SECRET_NAME.matcher(argName).matches() && !argName.endsWith("_SHA256"),
                    name + ": ARG " + argName + " looks like a secret (build args stay in the image history)");
        }
        String text = Files.readString(d.file());
        assertFalse(text.contains(DeploymentContract.API_KEYS_ENV + "="), name + " sets the API keys");
        assertEquals("true", env.get("DJL_OFFLINE"), name + ": libtorch must come from the image, not a download");
        assertEquals("/models", env.get(DeploymentContract.MODELS_ENV));
    }

    @Test
    void theServeImageChecksLivenessOnTheActuatorPathAndStartsTheService() throws IOException {
        Dockerfiles d = read("serve.Dockerfile");
        String health = d.last("HEALTHCHECK");
        String url = "http://127.0.0.1:" + DeploymentContract.HTTP_PORT + DeploymentContract.LIVENESS_PATH;
        assertTrue(health.contains("CMD curl -fsS " + url), health);
        assertTrue(d.all("RUN").stream().anyMatch(r -> r.contains("install") && r.contains("curl")),
                "the healthcheck's curl must be installed");
        assertEquals(String.valueOf(DeploymentContract.HTTP_PORT), d.last("EXPOSE"));
        assertEquals(CliArgsTest.jsonArray(d.last("CMD")), DeploymentContract.SERVE_ARGS);
    }

    @Test
    void theTrainImageUsesLibtorchOfTheProjectsVersionForCuda128() throws IOException {
        Dockerfiles d = read("train.Dockerfile");
        Map<String, String> env = env(d);
        String pomVersion = pomProperty("pytorch.version");
        assertEquals(pomVersion, DeploymentContract.PYTORCH_VERSION, "the contract follows the root pom");
        assertEquals(pomVersion, env.get("PYTORCH_VERSION"));
        assertEquals(DeploymentContract.PYTORCH_FLAVOR, env.get("PYTORCH_FLAVOR"));
        String lib = env.get("PYTORCH_LIBRARY_PATH");
        assertTrue(lib != null && lib.startsWith("/opt/libtorch"), lib);
        String url = d.all("ARG").stream().filter(a -> a.startsWith("LIBTORCH_URL=")).findFirst().orElseThrow();
        assertTrue(url.endsWith("/" + DeploymentContract.PYTORCH_FLAVOR + "/libtorch-cxx11-abi-shared-with-deps-"
                + pomVersion + "%2B" + DeploymentContract.PYTORCH_FLAVOR + ".zip"), url);
        assertTrue(d.all("RUN").stream().anyMatch(r -> r.contains("unzip -q /tmp/libtorch.zip -d /opt")),
                "libtorch is unpacked to /opt/libtorch");
        String cuda = d.all("FROM").stream().filter(f -> f.startsWith("nvidia/cuda:")).findFirst().orElseThrow();
        assertTrue(cuda.startsWith("nvidia/cuda:12.8."), "CUDA 12.8 runtime for " + DeploymentContract.PYTORCH_FLAVOR
                + ": " + cuda);
    }

    @Test
    void theBuildContextLeavesOutGitAndBuildOutputs() throws IOException {
        List<String> ignore = Files.readAllLines(DeploymentContract.root().resolve(".dockerignore")).stream()
                .map(String::strip).toList();
        assertTrue(ignore.contains(".git"));
        assertTrue(ignore.contains("**/target"));
    }

    /** ENV of the whole file, KEY=VALUE pairs (quotes removed). */
    static Map<String, String> env(Dockerfiles d) {
        Map<String, String> out = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String env : d.all("ENV")) {
            Matcher matcher = pair.matcher(env);
            while (matcher.find()) {
                String value = matcher.group(2);
                out.put(matcher.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return out;
    }

    private static String pomProperty(String name) throws IOException {
        String pom = Files.readString(DeploymentContract.root().resolve("pom.xml"));
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), name);
        return m.group(1).strip().toLowerCase(Locale.ROOT);
    }
}

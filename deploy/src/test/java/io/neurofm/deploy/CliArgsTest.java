package io.neurofm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.neurofm.cli.Main;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dry run of every {@code neurofm} command line the deployment uses (container args in k8s/,
 * base and overlays, and each image's default CMD): picocli parses it against the real command
 * tree of {@link Main} (options, arity, required options and argument groups, type conversion)
 * without running it. A bundled pretraining job named with {@code --job} must exist in the CLI.
 */
class CliArgsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every command line, keyed by where it is used. */
    static Map<String, List<String>> commandLines() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String variant : Rendered.VARIANTS) {
            Rendered.podSpecs(variant).forEach((name, pod) -> {
                for (Container c : pod.getContainers()) {
                    assertTrue(c.getCommand() == null || c.getCommand().isEmpty(),
                            variant + " " + name + ": the image's entrypoint is the neurofm command; set args only");
                    out.put(variant + " " + name + " " + c.getName(), c.getArgs());
                }
            });
        }
        for (String image : List.of("serve.Dockerfile", "train.Dockerfile")) {
            Dockerfiles d = Dockerfiles.read(DeploymentContract.root().resolve("docker").resolve(image));
            assertEquals(List.of("java", "--add-modules", "jdk.incubator.vector", "-jar", "/opt/neurofm/neurofm-cli.jar"),
                    jsonArray(d.last("ENTRYPOINT")),
                    image + ": the entrypoint runs the CLI jar");
            out.put("docker/" + image + " CMD", jsonArray(d.last("CMD")));
        }
        return out;
    }

    static List<String> jsonArray(String execForm) {
        List<String> out = new ArrayList<>();
        JSON.readTree(execForm).forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void everyCommandLineOfTheDeploymentParsesWithTheCli() throws IOException {
        Map<String, List<String>> lines = commandLines();
        assertTrue(lines.size() >= 8, lines.toString());
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            List<String> args = e.getValue();
            assertNotNull(args, e.getKey() + " has no args");
            ParseResult parsed;
            try {
                parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException ex) {
                throw new AssertionError(e.getKey() + ": " + args + " is refused by the CLI: " + ex.getMessage(), ex);
            }
            ParseResult sub = parsed.subcommand();
            if (sub != null && sub.commandSpec().name().equals("pretrain") && sub.hasMatchedOption("--job")) {
                String job = sub.matchedOptionValue("--job", "");
                assertNotNull(Main.class.getResource("/io/neurofm/cli/jobs/" + job + ".json"),
                        e.getKey() + ": no bundled job " + job);
            }
        }
    }

    @Test
    void theDryRunRefusesWhatTheCliWouldRefuse() {
        CommandLine cli = Main.commandLine();
        assertThrows(CommandLine.ParameterException.class, () -> cli.parseArgs("pretrain", "--jbo", "meggpt-tiny"));
        assertThrows(CommandLine.ParameterException.class, () -> Main.commandLine().parseArgs("pretrain", "--resume"));
        assertThrows(CommandLine.ParameterException.class,
                () -> Main.commandLine().parseArgs("probe-baseline", "--data", "x.gdf", "--folds", "five"));
    }
}

package io.neurofm.cli;

import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.PreprocessingSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.ObjectMapper;

/** {@code neurofm models show NAME[:VERSION]}: the verified artifact's config, preprocessing and card. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Verify an artifact, then print its config, preprocessing summary and model card.")
final class ModelsShowCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "NAME[:VERSION]|PATH", description = "A registry model (latest version when none "
            + "is given) or an artifact folder or .zip.")
    String model;

    @Mixin
    RegistryOption registryOption = new RegistryOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Artifact artifact = registryOption.open(model)) {
            out.println("artifact " + artifact.source() + " (" + artifact.digests().size() + " files verified)");
            out.println();
            out.println("config.json");
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(artifact.config().toJson()));
            out.println();
            PreprocessingSpec p = artifact.preprocessing();
            long placed = p.channels().stream().filter(c -> c.position() != null).count();
            out.println("preprocessing  " + p.samplingRate() + " Hz, " + p.channels().size() + " channels ("
                    + placed + " with positions): " + preview(p.channels()));
            out.println("filters        " + (p.filters().isEmpty() ? "none"
                    : p.filters().stream().map(ModelsShowCommand::describe).collect(Collectors.joining("; "))));
            out.println("normalisation  " + (p.normalisation() == null ? "none"
                    : p.normalisation().method().name().toLowerCase(Locale.ROOT) + " over "
                            + p.normalisation().channels().size() + " channels"));
            out.println("tokenizer      " + (artifact.tokenizerState().map(t -> t.type()).orElse("none")));
            out.println("heads          " + (artifact.heads().isEmpty() ? "none" : String.join(", ", artifact.heads())));
            out.println();
            out.print(artifact.card().toMarkdown());
        }
        out.flush();
        return 0;
    }

    private static String preview(List<ChannelSpec> channels) {
        String names = channels.stream().limit(8).map(ChannelSpec::name).collect(Collectors.joining(", "));
        return channels.size() > 8 ? names + ", ..." : names;
    }

    private static String describe(FilterSpec f) {
        String hz = f.frequencies().stream().map(String::valueOf).collect(Collectors.joining("-")) + " Hz";
        return f.type().equals("notch")
                ? "notch " + hz + " q " + f.q() + (f.harmonics() ? " with harmonics" : "")
                : f.type() + " " + hz + " order " + f.order();
    }
}

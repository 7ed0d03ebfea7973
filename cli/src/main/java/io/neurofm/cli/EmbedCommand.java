package io.neurofm.cli;

import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ArtifactLayout;
import io.neurofm.embed.EmbeddingFiles;
import io.neurofm.embed.EmbeddingTable;
import io.neurofm.embed.Embedder;
import io.neurofm.embed.InputFiles;
import io.neurofm.embed.Segmentation;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.ModelDescription;
import io.neurofm.montage.ChannelMap;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code neurofm embed}: a registered model's embeddings of every window (or event epoch) of the
 * input files, with their file, subject, session, run, start and label, as an npz and a JSON sidecar.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed windows or event epochs of recordings with a registered model; writes NAME.npz and NAME.json.")
final class EmbedCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--model", required = true, paramLabel = "NAME[:VERSION]|PATH",
            description = "A registry model (latest version when none is given) or an artifact folder or .zip.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "A recording, or a folder whose recordings (any ending a reader claims) are all embedded.")
    Path input;

    @Option(names = "--pooling", paramLabel = "NAME",
            description = "Pooling (the model's default when omitted): deeperbrain mean|power|flatten, meggpt mean|last|flatten.")
    String pooling;

    @Option(names = "--stride-seconds", defaultValue = "0", paramLabel = "S",
            description = "Distance between window starts (default: the model's window length, no overlap).")
    double strideSeconds;

    @Option(names = "--epochs", split = ",", paramLabel = "EVENT",
            description = "Cut epochs around these events (descriptions or decimal codes) instead of windows; "
                    + "each row's label is the event's description.")
    List<String> epochs;

    @Option(names = "--tmin", defaultValue = "0.5", paramLabel = "S", description = "Epoch start after the event (default 0.5 s).")
    double tmin;

    @Option(names = "--tmax", defaultValue = "3.5", paramLabel = "S",
            description = "Epoch end after the event, inclusive (default 3.5 s).")
    double tmax;

    @Option(names = "--channel-map", paramLabel = "FILE|resource:NAME",
            description = "Rename/retype/place channels before the model's preprocessing (.tsv/.json, or a bundled "
                    + "map such as resource:graz_sample_channels.tsv).")
    String channelMap;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "Output npz; the sidecar is FILE.json.")
    Path out;

    @Mixin
    RegistryOption registryOption = new RegistryOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Segmentation how;
        if (epochs != null && !epochs.isEmpty()) {
            Map<String, String> events = new LinkedHashMap<>();
            epochs.forEach(e -> events.put(e.trim(), null));
            how = Segmentation.epochs(events, tmin, tmax);
        } else {
            how = Segmentation.windows(strideSeconds);
        }
        List<Path> files = InputFiles.expand(input);
        ChannelMap map = InputFiles.channelMap(channelMap);
        Path located = registryOption.locate(model);
        String reference = RegistryOption.reference(model, located);
        try (Artifact artifact = Artifact.open(located);
             EmbeddingModel embedder = EmbeddingModels.load(artifact, reference, null)) {
            ModelDescription d = embedder.description();
            String poolingName = pooling == null ? d.defaultPooling() : pooling;
            EmbeddingTable table = Embedder.embedFiles(embedder, files, map, how, poolingName, w::println);
            ObjectNode sidecar = JSON.createObjectNode();
            ObjectNode m = sidecar.putObject("model");
            m.put("reference", d.reference());
            m.put("artifact", located.toAbsolutePath().toString());
            m.put("family", d.family());
            m.put("size", d.size());
            sidecar.put("pooling", poolingName);
            ObjectNode seg = sidecar.putObject("segmentation");
            seg.put("kind", how.isEpochs() ? "epochs" : "windows");
            seg.put("description", how.describe());
            if (how.isEpochs()) {
                seg.put("tmin", tmin);
                seg.put("tmax", tmax);
            } else {
                seg.put("window_samples", d.windowSamples());
                seg.put("stride_seconds", strideSeconds > 0 ? strideSeconds : d.windowSeconds());
            }
            ObjectNode pre = sidecar.putObject("preprocessing");
            pre.put("sampling_rate", d.samplingRate());
            pre.put("channel_map", map == null ? null : map.source());
            JsonNode artifactPre = JSON.readTree(Files.readAllBytes(artifact.root().resolve(ArtifactLayout.PREPROCESSING)));
            pre.set("filters", artifactPre.get("filters"));
            pre.put("normalisation", artifactPre.hasNonNull("normalisation") ? "the artifact's statistics" : "none");
            pre.put("family_scaling", d.family().equals("deeperbrain") ? "volts x hyperparameters.input_scale"
                    : "the artifact's tokenizer");
            Path sidecarFile = EmbeddingFiles.write(out, table, sidecar);
            w.printf("wrote %s (%d x %d) and %s%n", out, table.size(), table.dimension(), sidecarFile);
        }
        return 0;
    }
}

package io.neurofm.cli;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.RegistryEntry;
import io.neurofm.family.deeperbrain.EmbeddingPooling;
import io.neurofm.finetune.DeeperBrainArtifacts;
import io.neurofm.finetune.EpochPatches;
import io.neurofm.finetune.FineTuneConfig;
import io.neurofm.finetune.FineTuneData;
import io.neurofm.finetune.FineTuneJob;
import io.neurofm.finetune.FineTuneMode;
import io.neurofm.finetune.LoraConfig;
import io.neurofm.embed.InputFiles;
import io.neurofm.montage.ChannelMap;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neurofm finetune}: fine-tunes a DeeperBrain artifact on labelled event epochs (full,
 * head-only or LoRA), optionally cross-validates, and registers a new artifact with the merged
 * weights and a decoding head.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a DeeperBrain model on labelled epochs and register the result with a decoding head.")
final class FinetuneCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME[:VERSION]|PATH", description = "The source artifact.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The labelled recording.")
    Path data;

    @Option(names = "--mode", required = true, paramLabel = "full|head|lora", description = "What to train (the head always).")
    String mode;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "Passes over the labelled epochs.")
    int epochs;

    @Option(names = "--out-name", required = true, paramLabel = "NAME", description = "Registry name of the new artifact.")
    String outName;

    @Option(names = "--head", defaultValue = "decoder", paramLabel = "NAME", description = "Head name: heads/NAME.* (default decoder).")
    String headName;

    @Option(names = "--task", paramLabel = "TEXT", description = "What the head decodes (default: the classes).")
    String task;

    @Option(names = "--events", split = ",", defaultValue = "0x0301=left,0x0302=right", paramLabel = "EVENT=CLASS",
            description = "Event descriptions and their classes (default 0x0301=left,0x0302=right).")
    List<String> events;

    @Option(names = "--tmin", defaultValue = "0.5", paramLabel = "S", description = "Epoch start after the event (default 0.5 s).")
    double tmin;

    @Option(names = "--tmax", defaultValue = "3.5", paramLabel = "S", description = "Epoch end after the event (default 3.5 s).")
    double tmax;

    @Option(names = "--channel-map", paramLabel = "FILE|resource:NAME|none",
            description = "Channel map applied first: a TSV or JSON file, a bundled map such as "
                    + "resource:graz_sample_channels.tsv (Channel 1/2/3 = C3/Cz/C4), or none (default).")
    String channelMap;

    @Option(names = "--channels", split = ",", paramLabel = "NAME",
            description = "Channels to use, after the map (default: every EEG channel). Unknown positions are allowed.")
    List<String> channels;

    @Option(names = "--llrd", defaultValue = "1", paramLabel = "DECAY",
            description = "Layer-wise learning-rate decay in (0, 1] (default 1 = off).")
    double llrd;

    @Option(names = "--rank", defaultValue = "8", description = "LoRA rank (default 8).")
    int rank;

    @Option(names = "--alpha", defaultValue = "16", description = "LoRA alpha (default 16).")
    double alpha;

    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate (default 1e-3).")
    double lr;

    @Option(names = "--batch", defaultValue = "8", description = "Epochs per step (default 8).")
    int batch;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default 0.01).")
    double weightDecay;

    @Option(names = "--pooling", defaultValue = "mean", paramLabel = "mean|power", description = "Embedding pooling (default mean).")
    String pooling;

    @Option(names = "--folds", defaultValue = "5",
            description = "Stratified folds for the reported score before the final fit on all epochs (0 = none; default 5).")
    int folds;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of head/adapter init, data order and folds.")
    long seed;

    @Mixin
    RegistryOption registryOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> eventClasses = ProbeBaselineCommand.eventClasses(events);
        FineTuneMode m = FineTuneMode.parse(mode);
        EmbeddingPooling pool = EmbeddingPooling.valueOf(pooling.trim().toUpperCase(Locale.ROOT));
        FineTuneConfig config = new FineTuneConfig(m, epochs, batch, lr, llrd, weightDecay, 1.0, pool,
                new LoraConfig(rank, alpha), seed);
        Recording recording = Readers.read(data, OpenOptions.DEFAULT);
        ChannelMap map = InputFiles.channelMap(channelMap);
        if (map != null) {
            recording = map.apply(recording);
        }
        List<String> picked = channels != null ? channels : recording.channels().stream()
                .filter(c -> c.type() == ChannelType.EEG).map(Channel::name).toList();
        PrintWriter out = spec.commandLine().getOut();
        Path staging = Files.createTempDirectory("neurofm-finetune-");
        try (Artifact source = Artifact.open(registryOption.locate(model)); NDManager manager = NDManager.newBaseManager()) {
            int patch = DeeperBrainArtifacts.modelConfig(source.config()).patchLength();
            FineTuneData epochsData = EpochPatches.prepare(recording, source.preprocessing(),
                    DeeperBrainArtifacts.inputScale(source.config()), patch, picked, eventClasses, tmin, tmax);
            String what = task != null ? task : String.join(" vs ", epochsData.classNames());
            out.printf(Locale.ROOT, "%d epochs, channels %s, %d patches of %d samples; mode %s%n", epochsData.size(),
                    picked, epochsData.patches()[0][0].length, patch, m.name().toLowerCase(Locale.ROOT));
            FineTuneJob.Result result = FineTuneJob.run(source, epochsData, config, folds, headName, what,
                    data.getFileName() + ": " + epochsData.size() + " epochs " + tmin + "-" + tmax + " s after "
                            + eventClasses + ", channels " + picked,
                    staging.resolve("artifact"), manager);
            if (result.scores() != null) {
                out.printf(Locale.ROOT, "%d-fold balanced accuracy: mean %.3f (folds %s), pooled out-of-fold %.3f%n",
                        folds, result.scores().meanBalancedAccuracy(),
                        java.util.Arrays.toString(result.scores().foldBalancedAccuracy()),
                        result.scores().pooledBalancedAccuracy());
            }
            out.printf(Locale.ROOT, "final training loss %.4f%n", result.finalLosses()[result.finalLosses().length - 1]);
            RegistryEntry entry = registryOption.registry().register(result.artifact(), outName);
            out.println("registered " + entry.name() + ":" + entry.version() + " at " + entry.path());
            return 0;
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

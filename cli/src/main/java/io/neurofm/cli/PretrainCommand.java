package io.neurofm.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.neurofm.pretrain.Devices;
import io.neurofm.pretrain.PretrainJob;
import io.neurofm.pretrain.PretrainJobConfig;
import io.neurofm.train.TrainingDivergedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neurofm pretrain --config job.json | --job NAME [--resume] [--registry DIR] [--run-dir DIR]
 * [--devices cpu|gpu0|gpu0,gpu1]}.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Run a pretraining job: tokenizer, corpus, training, loss plot, run manifest, artifact, "
                + "registration (see pretrain/docs/jobs.md). Prints the registered NAME:VERSION.")
final class PretrainCommand implements Callable<Integer> {
    static final String JOBS = "/io/neurofm/cli/jobs/";
    static final List<String> BUNDLED = List.of("meggpt-tiny", "deeperbrain-tiny", "deeperbrain-tiny-recon",
            "brainharmonix-tiny", "meggpt-base", "deeperbrain-base", "brainharmonix-base");

    static final class Source {
        @Option(names = "--config", paramLabel = "job.json",
                description = "Job file; relative paths in it are resolved against its folder.")
        Path config;

        @Option(names = "--job", paramLabel = "NAME",
                description = "A bundled job: meggpt-tiny, deeperbrain-tiny, deeperbrain-tiny-recon (reconstruction only), "
                        + "brainharmonix-tiny (CPU, minutes) or "
                        + "meggpt-base, deeperbrain-base, brainharmonix-base (GPU); relative paths resolve against "
                        + "the current folder.")
        String job;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--resume", description = "Continue the run from its newest checkpoint.")
    boolean resume;

    @Option(names = "--registry", paramLabel = "DIR", description = "Registry folder (overrides the job's).")
    Path registry;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Run folder (overrides the job's).")
    Path runDir;

    @Option(names = "--devices", paramLabel = "cpu|gpu0|gpu0,gpu1", defaultValue = "cpu",
            description = "Devices, one data-parallel replica each (default: ${DEFAULT-VALUE}).")
    String devices;

    @Spec
    CommandSpec spec;

    /**
     * The job's run folder, or the first of NAME-2, NAME-3, ... that is free, so running the same job
     * again starts a new run instead of failing on the last one's folder (--resume continues it).
     */
    private static Path freshRunDir(Path base, PretrainJobConfig job) throws IOException {
        Path configured = base.resolve(job.runDir() != null ? job.runDir() : "runs/" + job.modelName());
        Path candidate = configured;
        for (int n = 2; Files.isDirectory(candidate) && !isEmpty(candidate); n++) {
            candidate = configured.resolveSibling(configured.getFileName() + "-" + n);
        }
        return candidate.toAbsolutePath();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    @Override
    public Integer call() throws Exception {
        PretrainJobConfig job;
        Path base;
        if (source.config != null) {
            job = PretrainJobConfig.read(source.config);
            base = source.config.toAbsolutePath().getParent();
        } else {
            job = bundled(source.job);
            base = Path.of("").toAbsolutePath();
        }
        if (runDir != null) {
            job = job.withRunDir(runDir.toAbsolutePath().toString());
        } else if (!resume) {
            job = job.withRunDir(freshRunDir(base, job).toString());
        }
        List<Device> deviceList = Devices.parse(devices,
                devices.strip().equalsIgnoreCase("cpu") ? 0 : Engine.getInstance().getGpuCount());
        PrintWriter out = spec.commandLine().getOut();
        try {
            // The progress line redraws itself with carriage returns: only on a terminal.
            PretrainJob.Outcome outcome = PretrainJob.run(job, new PretrainJob.Options(resume, registry,
                    DataPaths.sharedData(), base, spec.commandLine().getErr(), deviceList, System.console() != null));
            out.printf("final train loss %.4f, validation loss %.4f after %d steps; run %s%n",
                    outcome.trainLoss(), outcome.validationLoss(), outcome.steps(), outcome.runDir());
            out.println(outcome.reference());
            out.flush();
            return 0;
        } catch (TrainingDivergedException e) {
            spec.commandLine().getErr().println("neurofm pretrain: " + e.getMessage()
                    + " (the last checkpoint is intact; lower the learning rate and --resume or start again)");
            return ErrorReporter.USER_ERROR;
        }
    }

    static PretrainJobConfig bundled(String name) throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("not a bundled job name: " + name);
        }
        try (InputStream in = PretrainCommand.class.getResourceAsStream(JOBS + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled job \"" + name + "\"; bundled: "
                        + String.join(", ", BUNDLED));
            }
            return PretrainJobConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Path.of("bundled:" + name + ".json"));
        }
    }
}

package io.neurofm.cli;

import io.neurofm.embed.FrozenProbeStudy;
import io.neurofm.embed.InputFiles;
import io.neurofm.probe.Probe;
import io.neurofm.probe.TemporalProbe;
import io.neurofm.probe.baseline.Band;
import io.neurofm.probe.report.ProbeReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neurofm probe}: frozen embeddings of event epochs, probed under a protocol over seeds,
 * beside each model's random-init twin, the raw signal and band power with the same probe;
 * writes report.json, report.md and plots.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Frozen-probe models on event epochs beside random-init twins, raw signal and band power; a report.")
final class ProbeCommand implements Callable<Integer> {
    @Option(names = {"--model", "--models"}, required = true, split = ",", paramLabel = "NAME[:VERSION]|PATH",
            description = "One or more models (comma-separated) probed side by side.")
    List<String> models;

    @Option(names = "--data", required = true, paramLabel = "FILE|DIR", description = "The recording(s) with the events.")
    Path data;

    @Option(names = "--events", required = true, split = ",", paramLabel = "EVENT=CLASS",
            description = "Event descriptions and their classes, e.g. 0x0301=left,0x0302=right.")
    List<String> events;

    @Option(names = "--tmin", defaultValue = "0.5", paramLabel = "S", description = "Epoch start after the event (default 0.5 s).")
    double tmin;

    @Option(names = "--tmax", defaultValue = "3.5", paramLabel = "S", description = "Epoch end after the event (default 3.5 s).")
    double tmax;

    @Option(names = "--channel-map", defaultValue = "none", split = ",", paramLabel = "FILE|resource:NAME|none",
            description = "Channel-map variants, each probed in the same report (default none: the file's own "
                    + "names, positions unknown), e.g. resource:graz_sample_channels.tsv,none.")
    List<String> channelMaps;

    @Option(names = "--pooling", defaultValue = "mean", split = ",", paramLabel = "NAME",
            description = "Poolings, each probed (default mean), e.g. mean,power.")
    List<String> poolings;

    @Option(names = "--protocol", defaultValue = "kfold", paramLabel = "kfold|cross-subject|cross-session",
            description = "kfold: stratified, shuffled per seed; cross-subject: leave one subject out; "
                    + "cross-session: leave one subject/session out (default kfold).")
    String protocol;

    @Option(names = "--folds", defaultValue = "5", description = "Folds for kfold (default 5).")
    int folds;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 0..N-1 of the fold shuffling (default 5).")
    int seeds;

    @Option(names = "--probes", split = ",", defaultValue = "logreg", paramLabel = "PROBE",
            description = "logreg (C by inner CV), lda (Ledoit-Wolf), lda-plain, knn (k=5), temporal (MEG-GPT's "
                    + "temporal probe on each model's hidden-state sequence, not on the pooled embedding; no "
                    + "raw-signal or band-power line); default logreg.")
    List<String> probes;

    @Option(names = "--random-init-seeds", defaultValue = "0", split = ",", paramLabel = "SEED",
            description = "Seeds of each model's random-init twins (default 0); several show how much the "
                    + "initialisation alone moves the score.")
    List<Integer> randomInitSeeds;

    @Option(names = "--no-random-init", description = "Leave out the random-init twins.")
    boolean noRandomInit;

    @Option(names = "--bands", split = ",", defaultValue = "4-8,8-13,13-30", paramLabel = "LOW-HIGH",
            description = "Band-power baseline bands in Hz (default 4-8,8-13,13-30); 'none' leaves it out.")
    List<String> bands;

    @Option(names = "--no-raw", description = "Leave out the raw-signal control.")
    boolean noRaw;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N", description = "Bootstrap resamples (default 1000).")
    int bootstrap;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for report.json, report.md, PNGs.")
    Path out;

    @Mixin
    RegistryOption registryOption = new RegistryOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> eventClasses = ProbeBaselineCommand.eventClasses(events);
        List<Band> bandList = bands.size() == 1 && bands.get(0).equalsIgnoreCase("none") ? List.of()
                : bands.stream().map(Band::parse).toList();
        List<FrozenProbeStudy.ModelSource> sources = new ArrayList<>();
        for (String m : models) {
            Path located = registryOption.locate(m.trim());
            sources.add(new FrozenProbeStudy.ModelSource(RegistryOption.reference(m.trim(), located), located));
        }
        FrozenProbeStudy.Spec study = new FrozenProbeStudy.Spec(InputFiles.expand(data), eventClasses, tmin, tmax,
                channelMaps, poolings, probes.stream().map(ProbeCommand::probe).toList(), protocol, folds, seeds,
                bootstrap, noRandomInit ? List.of() : randomInitSeeds, bandList, !noRaw);
        PrintWriter w = spec.commandLine().getOut();
        FrozenProbeStudy.Outcome outcome = FrozenProbeStudy.run(study, sources, null, line -> {
            w.println(line);
            w.flush();
        });
        for (Path p : ProbeReport.write(out, "Frozen probes", outcome.context(), outcome.results())) {
            w.println("wrote " + p);
        }
        return 0;
    }

    /** The probe-baseline probes, plus the temporal probe, which only model sequences can feed. */
    static Probe probe(String name) {
        return name.trim().equalsIgnoreCase("temporal") ? TemporalProbe.unsized(TemporalProbe.Settings.DEFAULT)
                : ProbeBaselineCommand.probe(name);
    }
}

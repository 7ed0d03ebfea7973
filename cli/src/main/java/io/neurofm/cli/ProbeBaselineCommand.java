package io.neurofm.cli;

import io.neurofm.probe.KnnProbe;
import io.neurofm.probe.LdaProbe;
import io.neurofm.probe.LogisticRegressionCvProbe;
import io.neurofm.probe.Probe;
import io.neurofm.probe.ProbeDataset;
import io.neurofm.probe.ProbeEvaluation;
import io.neurofm.probe.ProbeResult;
import io.neurofm.probe.Splitter;
import io.neurofm.probe.baseline.Band;
import io.neurofm.probe.baseline.BandPowerFeatures;
import io.neurofm.probe.metrics.Metric;
import io.neurofm.probe.report.ProbeReport;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neurofm probe-baseline}: band-power (log-variance) features of cue-locked epochs, probed
 * by LDA, logistic regression and k-NN under seeded stratified k-fold; writes report.json,
 * report.md and PNG plots.
 */
@Command(name = "probe-baseline", mixinStandardHelpOptions = true,
        description = "Band-power baseline: log-variance features of event epochs, cross-validated probes, a report.")
final class ProbeBaselineCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The recording.")
    Path data;

    @Option(names = "--events", required = true, split = ",", paramLabel = "EVENT=CLASS",
            description = "Event descriptions and their classes, e.g. 0x0301=left,0x0302=right.")
    List<String> events;

    @Option(names = "--tmin", defaultValue = "0.5", paramLabel = "S", description = "Epoch start after the event (default 0.5 s).")
    double tmin;

    @Option(names = "--tmax", defaultValue = "3.5", paramLabel = "S", description = "Epoch end after the event (default 3.5 s).")
    double tmax;

    @Option(names = "--channels", required = true, split = ",", paramLabel = "NAME", description = "Channels to use.")
    List<String> channels;

    @Option(names = "--bands", split = ",", defaultValue = "4-8,8-13,13-30", paramLabel = "LOW-HIGH",
            description = "Frequency bands in Hz (default 4-8,8-13,13-30).")
    List<String> bands;

    @Option(names = "--probes", split = ",", defaultValue = "lda,logreg,knn", paramLabel = "PROBE",
            description = "Probes: lda (Ledoit-Wolf shrinkage), logreg (C by inner CV), knn (k=5). Default all three.")
    List<String> probes;

    @Option(names = "--folds", defaultValue = "5", description = "Stratified folds (default 5).")
    int folds;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 0..N-1 of the fold shuffling (default 5).")
    int seeds;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N", description = "Bootstrap resamples (default 1000).")
    int bootstrap;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for report.json, report.md, PNGs.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1");
        }
        Map<String, String> eventClasses = eventClasses(events);
        List<Band> bandList = bands.stream().map(Band::parse).toList();
        Recording recording = Readers.read(data, OpenOptions.DEFAULT);
        ProbeDataset dataset = BandPowerFeatures.logVariance(recording, eventClasses, tmin, tmax, channels, bandList,
                4, data.getFileName().toString());
        List<Long> seedList = LongStream.range(0, seeds).boxed().toList();
        List<ProbeResult> results = new ArrayList<>();
        PrintWriter w = spec.commandLine().getOut();
        for (String name : probes) {
            ProbeResult r = ProbeEvaluation.run(dataset, probe(name), Splitter.stratified(folds), seedList, bootstrap);
            results.add(r);
            var s = r.summary().get(Metric.BALANCED_ACCURACY);
            w.printf(Locale.ROOT, "%-28s balanced accuracy %.3f (sd %.3f, min %.3f, max %.3f over %d seeds)%n",
                    r.probe(), s.mean(), s.sd(), s.min(), s.max(), seeds);
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("data", data.toString());
        context.put("events", eventClasses.toString());
        context.put("epochs", dataset.size() + " (" + tmin + " to " + tmax + " s after each event)");
        context.put("channels", String.join(", ", channels));
        context.put("features", "log-variance of zero-phase Butterworth (order 4) band-passed signal, bands "
                + String.join(", ", bands) + " Hz");
        context.put("split", folds + "-fold stratified, seeds 0.." + (seeds - 1));
        for (Path p : ProbeReport.write(out, "Band-power baseline", context, results)) {
            w.println("wrote " + p);
        }
        return 0;
    }

    /** EVENT=CLASS pairs (e.g. 0x0301=left) in order; shared with {@code finetune}. */
    static Map<String, String> eventClasses(List<String> events) {
        Map<String, String> eventClasses = new LinkedHashMap<>();
        for (String e : events) {
            String[] kv = e.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("--events wants EVENT=CLASS pairs, got '" + e + "'");
            }
            eventClasses.put(kv[0].trim(), kv[1].trim());
        }
        return eventClasses;
    }

    static Probe probe(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "lda" -> new LdaProbe(true);
            case "lda-plain" -> new LdaProbe(false);
            case "logreg" -> new LogisticRegressionCvProbe();
            case "knn" -> new KnnProbe();
            default -> throw new IllegalArgumentException("unknown probe '" + name + "'; use lda, lda-plain, logreg or knn");
        };
    }
}

package io.neurofm.embed;

import ai.djl.Device;
import io.neurofm.artifact.Artifact;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.montage.ChannelMap;
import io.neurofm.probe.Probe;
import io.neurofm.probe.ProbeDataset;
import io.neurofm.probe.ProbeEvaluation;
import io.neurofm.probe.ProbeResult;
import io.neurofm.probe.Splitter;
import io.neurofm.probe.TemporalProbe;
import io.neurofm.probe.baseline.Band;
import io.neurofm.probe.baseline.BandPowerFeatures;
import io.neurofm.probe.split.Protocol;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * Frozen-probe evaluation of models against their controls, on the same epochs with the same
 * probe and folds: each model, its random-init twin ({@link EmbeddingModels#loadRandomInit}), the
 * model's input itself (raw signal: the prepared epoch, flattened), and band power (log-variance,
 * {@link BandPowerFeatures}); once per channel-map variant. Nothing here learns from labels outside
 * {@link ProbeEvaluation}'s training folds.
 */
public final class FrozenProbeStudy {
    /**
     * @param files          recordings with the events
     * @param events         event description -> class name
     * @param channelMaps    one variant per entry: a map file, {@code resource:NAME}, or "none" (the file's
     *                       own names, positions unknown)
     * @param poolings       embedding poolings, each probed separately
     * @param protocol       "kfold", "cross-subject" or "cross-session"
     * @param randomInitSeeds seeds of each model's random-init twins (several show how much the
     *                       initialisation alone moves the score); empty = no twins
     * @param bands          band-power baseline bands; empty = no band-power baseline
     * @param rawSignal      include the raw-signal control (the first model's prepared epochs)
     */
    public record Spec(List<Path> files, Map<String, String> events, double tmin, double tmax, List<String> channelMaps,
                       List<String> poolings, List<Probe> probes, String protocol, int folds, int seeds, int bootstrap,
                       List<Integer> randomInitSeeds, List<Band> bands, boolean rawSignal) {
        public Spec {
            files = List.copyOf(files);
            events = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(events));
            channelMaps = List.copyOf(channelMaps);
            poolings = List.copyOf(poolings);
            probes = List.copyOf(probes);
            bands = List.copyOf(bands);
            randomInitSeeds = List.copyOf(randomInitSeeds);
            if (files.isEmpty() || events.isEmpty() || channelMaps.isEmpty() || poolings.isEmpty() || probes.isEmpty()) {
                throw new IllegalArgumentException("need files, events, at least one channel-map variant, pooling and probe");
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("need at least one seed, got " + seeds);
            }
            splitter(protocol, folds);
        }

        public Segmentation segmentation() {
            return Segmentation.epochs(events, tmin, tmax);
        }
    }

    /** A model to probe: how reports name it, and its artifact folder or zip. */
    public record ModelSource(String reference, Path artifact) {
    }

    /** The results (one per variant x features x pooling x probe) and facts for the report's context. */
    public record Outcome(List<ProbeResult> results, Map<String, String> context) {
    }

    private FrozenProbeStudy() {
    }

    public static Splitter splitter(String protocol, int folds) {
        return switch (protocol) {
            case "kfold" -> Splitter.stratified(folds);
            case "cross-subject" -> Splitter.leaveSubjectOut();
            case "cross-session" -> Splitter.leaveSessionOut();
            default -> throw new IllegalArgumentException("unknown protocol '" + protocol
                    + "'; use kfold, cross-subject or cross-session");
        };
    }

    public static Outcome run(Spec spec, List<ModelSource> models, Device device, Consumer<String> log)
            throws IOException {
        Splitter splitter = splitter(spec.protocol(), spec.folds());
        List<Long> seeds = LongStream.range(0, spec.seeds()).boxed().toList();
        List<String> classes = spec.events().values().stream().distinct().toList();
        List<ProbeResult> results = new ArrayList<>();
        Map<String, String> context = new LinkedHashMap<>();
        context.put("data", spec.files().size() == 1 ? spec.files().get(0).toString() : spec.files().size() + " files");
        context.put("events", spec.events().toString());
        context.put("epochs", spec.tmin() + " to " + spec.tmax() + " s after each event, cut after each model's "
                + "preprocessing of the whole recording");
        context.put("split", splitter.describe() + ", seeds 0.." + (spec.seeds() - 1) + "; " + spec.bootstrap()
                + " bootstrap resamples of the pooled out-of-fold predictions per seed");
        context.put("models", models.stream().map(ModelSource::reference).toList().toString()
                + (spec.randomInitSeeds().isEmpty() ? "" : ", each beside its random-init twins (same architecture, "
                + "hyperparameters and preprocessing, fresh weights; seeds " + spec.randomInitSeeds() + ")"));
        for (String variant : spec.channelMaps()) {
            ChannelMap map = InputFiles.channelMap(variant);
            String tag = map == null ? "no channel map" : "map " + map.source();
            List<Recording> recordings = new ArrayList<>();
            for (Path file : spec.files()) {
                recordings.add(InputFiles.load(file, map));
            }
            Groups groups = Groups.of(spec.files(), recordings, spec.protocol());
            int[] reference = null;
            boolean rawDone = !spec.rawSignal();
            for (ModelSource source : models) {
                try (Artifact artifact = Artifact.open(source.artifact())) {
                    List<Segments> segments;
                    try (EmbeddingModel model = EmbeddingModels.load(artifact, source.reference(), device)) {
                        segments = cut(model, recordings, spec.segmentation());
                        int[] labels = labels(segments, classes);
                        reference = checkSame(reference, labels, source.reference());
                        context.put("channels [" + tag + "] " + source.reference(), segments.get(0).channels()
                                + " at " + model.description().samplingRate() + " Hz, " + labels.length + " epochs of "
                                + segments.get(0).windows().get(0).sampleCount() + " samples");
                        for (String pooling : spec.poolings()) {
                            ProbeDataset data = groups.dataset(embed(model, segments, pooling), labels, classes,
                                    "e", Groups.counts(segments));
                            probeAll(spec, splitter, seeds, data, "[" + tag + "] " + source.reference() + " " + pooling,
                                    results, log);
                        }
                        probeSequences(spec, splitter, seeds, model, segments, groups, labels, classes,
                                "[" + tag + "] " + source.reference(), results, log);
                        if (!rawDone) {
                            ProbeDataset raw = groups.dataset(raw(segments), labels, classes, "x", Groups.counts(segments));
                            PreparedWindow w = segments.get(0).windows().get(0);
                            probeAll(spec, splitter, seeds, raw, "[" + tag + "] raw signal (" + source.reference()
                                    + " input, " + w.channels().size() + " ch x " + w.sampleCount() + " samples)",
                                    results, log);
                            rawDone = true;
                        }
                    }
                    for (int seed : spec.randomInitSeeds()) {
                        try (EmbeddingModel twin = EmbeddingModels.loadRandomInit(artifact, source.reference(),
                                seed, device)) {
                            int[] labels = labels(segments, classes);
                            for (String pooling : spec.poolings()) {
                                ProbeDataset data = groups.dataset(embed(twin, segments, pooling), labels, classes, "e",
                                        Groups.counts(segments));
                                probeAll(spec, splitter, seeds, data, "[" + tag + "] " + twin.description().reference()
                                        + " " + pooling, results, log);
                            }
                            probeSequences(spec, splitter, seeds, twin, segments, groups, labels, classes,
                                    "[" + tag + "] " + twin.description().reference(), results, log);
                        }
                    }
                }
            }
            if (!spec.bands().isEmpty()) {
                ProbeDataset bandPower = bandPower(spec, recordings, groups, classes);
                reference = checkSame(reference, bandPower.labels(), "band power");
                probeAll(spec, splitter, seeds, bandPower, "[" + tag + "] band power (" + channelsOfBandPower(recordings)
                        + ")", results, log);
            }
        }
        if (!spec.bands().isEmpty()) {
            context.put("band power", "log-variance of zero-phase Butterworth (order 4) band-passed signal, bands "
                    + spec.bands().stream().map(b -> b.low() + "-" + b.high()).toList() + " Hz, the EEG channels of "
                    + "each variant at the file's own rate");
        }
        return new Outcome(results, context);
    }

    private static List<Segments> cut(EmbeddingModel model, List<Recording> recordings, Segmentation how)
            throws IOException {
        List<Segments> out = new ArrayList<>();
        for (Recording r : recordings) {
            out.add(Segments.cut(model, r, how));
        }
        return out;
    }

    private static double[][] embed(EmbeddingModel model, List<Segments> segments, String pooling) {
        List<double[]> rows = new ArrayList<>();
        for (Segments s : segments) {
            for (float[] row : Embedder.embed(model, s.windows(), pooling)) {
                rows.add(toDouble(row));
            }
        }
        return rows.toArray(new double[0][]);
    }

    /** Each prepared epoch flattened channel by channel: the model's input without the model. */
    private static double[][] raw(List<Segments> segments) {
        List<double[]> rows = new ArrayList<>();
        for (Segments s : segments) {
            for (PreparedWindow w : s.windows()) {
                float[][] x = w.samples();
                double[] row = new double[x.length * w.sampleCount()];
                for (int c = 0; c < x.length; c++) {
                    for (int t = 0; t < x[c].length; t++) {
                        row[c * x[c].length + t] = x[c][t];
                    }
                }
                rows.add(row);
            }
        }
        return rows.toArray(new double[0][]);
    }

    private static int[] labels(List<Segments> segments, List<String> classes) {
        List<Integer> out = new ArrayList<>();
        for (Segments s : segments) {
            for (String label : s.labels()) {
                out.add(classes.indexOf(label));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no epochs: none of the events fits the epoch window in any file");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every feature set must describe the same epochs in the same order, or the comparison is void. */
    private static int[] checkSame(int[] reference, int[] labels, String what) {
        if (reference != null && !Arrays.equals(reference, labels)) {
            throw new IllegalStateException(what + " gave " + labels.length + " epochs with other labels than the "
                    + reference.length + " of the first feature set (an event fits one rate's window but not another's); "
                    + "narrow the epoch window");
        }
        return labels;
    }

    private static List<String> eegChannels(Recording r) {
        return r.channels().stream().filter(c -> c.type() == ChannelType.EEG).map(Channel::name).toList();
    }

    private static String channelsOfBandPower(List<Recording> recordings) {
        return String.join(", ", eegChannels(recordings.get(0)));
    }

    private static ProbeDataset bandPower(Spec spec, List<Recording> recordings, Groups groups, List<String> classes)
            throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = null;
        int[] counts = new int[recordings.size()];
        for (int f = 0; f < recordings.size(); f++) {
            Recording r = recordings.get(f);
            ProbeDataset d = BandPowerFeatures.logVariance(r, spec.events(), spec.tmin(), spec.tmax(), eegChannels(r),
                    spec.bands(), 4, "");
            if (names != null && !names.equals(d.featureNames())) {
                throw new IllegalArgumentException("band power needs the same EEG channels in every file: "
                        + names + " vs " + d.featureNames());
            }
            names = d.featureNames();
            counts[f] = d.size();
            rows.addAll(Arrays.asList(d.features()));
            for (int y : d.labels()) {
                labels.add(classes.indexOf(d.classNames().get(y)));
            }
        }
        return groups.dataset(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                classes, names, counts);
    }

    /**
     * The temporal probes of the spec on the model's hidden-state sequences ({@link
     * EmbeddingModel#embedSequence}: per step, averaged over channels), flattened time-major.
     */
    private static void probeSequences(Spec spec, Splitter splitter, List<Long> seeds, EmbeddingModel model,
                                       List<Segments> segments, Groups groups, int[] labels, List<String> classes,
                                       String features, List<ProbeResult> results, Consumer<String> log) {
        List<TemporalProbe> temporal = spec.probes().stream().filter(TemporalProbe.class::isInstance)
                .map(TemporalProbe.class::cast).toList();
        if (temporal.isEmpty()) {
            return;
        }
        List<double[][]> sequences = new ArrayList<>();
        for (Segments s : segments) {
            for (float[][] sequence : model.embedSequence(s.windows())) {
                double[][] steps = new double[sequence.length][];
                for (int t = 0; t < sequence.length; t++) {
                    steps[t] = toDouble(sequence[t]);
                }
                sequences.add(steps);
            }
        }
        int steps = sequences.get(0).length;
        ProbeDataset data = groups.dataset(TemporalProbe.flatten(sequences.toArray(new double[0][][])), labels,
                classes, "h", Groups.counts(segments));
        for (TemporalProbe probe : temporal) {
            evaluate(spec, splitter, seeds, data, features + " sequence (" + steps + " steps x "
                    + sequences.get(0)[0].length + ")", probe.withTimeSteps(steps), results, log);
        }
    }

    /** The spec's probes but the temporal ones (which read sequences, not vectors) on one feature set. */
    private static void probeAll(Spec spec, Splitter splitter, List<Long> seeds, ProbeDataset data, String features,
                                 List<ProbeResult> results, Consumer<String> log) {
        for (Probe probe : spec.probes()) {
            if (!(probe instanceof TemporalProbe)) {
                evaluate(spec, splitter, seeds, data, features, probe, results, log);
            }
        }
    }

    private static void evaluate(Spec spec, Splitter splitter, List<Long> seeds, ProbeDataset data, String features,
                                 Probe probe, List<ProbeResult> results, Consumer<String> log) {
        ProbeResult r = ProbeEvaluation.run(data, probe, splitter, seeds, spec.bootstrap());
        ProbeResult named = new ProbeResult(features + " · " + r.probe(), r.split(), r.classes(), r.seeds(),
                r.summary());
        results.add(named);
        var s = r.summary().get(io.neurofm.probe.metrics.Metric.BALANCED_ACCURACY);
        log.accept(String.format(java.util.Locale.ROOT, "%-90s balanced accuracy %.3f (sd %.3f, %.3f-%.3f)",
                named.probe(), s.mean(), s.sd(), s.min(), s.max()));
    }

    private static double[] toDouble(float[] row) {
        double[] d = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            d[i] = row[i];
        }
        return d;
    }

    /**
     * Subject and session of each file, from its {@code RecordingIds}. A protocol that splits by subject
     * (session) refuses files without subject (session) ids rather than guess; within-subject folds
     * name unknown ones after the file, which no split depends on.
     */
    private record Groups(List<String> subjects, List<String> sessions) {
        static Groups of(List<Path> files, List<Recording> recordings, String protocol) {
            List<String> subjects = new ArrayList<>();
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                var ids = recordings.get(i).ids();
                String name = files.get(i).getFileName().toString();
                if (ids.subject() == null && !protocol.equals("kfold")) {
                    throw new IllegalArgumentException(protocol + " needs subject ids; " + name + " has none (BIDS "
                            + "paths or sidecars give them)");
                }
                if (ids.session() == null && protocol.equals("cross-session")) {
                    throw new IllegalArgumentException("cross-session needs session ids; " + name + " has none");
                }
                subjects.add(ids.subject() != null ? ids.subject() : name);
                sessions.add(ids.session() != null ? ids.session() : name);
            }
            return new Groups(subjects, sessions);
        }

        static int[] counts(List<Segments> segments) {
            return segments.stream().mapToInt(Segments::size).toArray();
        }

        /** Rows in file order, {@code counts[f]} of them from file f. */
        ProbeDataset dataset(double[][] features, int[] labels, List<String> classes, List<String> featureNames,
                             int[] counts) {
            List<String> rowSubjects = new ArrayList<>();
            List<String> rowSessions = new ArrayList<>();
            for (int f = 0; f < counts.length; f++) {
                for (int k = 0; k < counts[f]; k++) {
                    rowSubjects.add(subjects.get(f));
                    rowSessions.add(sessions.get(f));
                }
            }
            return new ProbeDataset(features, labels, classes, featureNames, rowSubjects, rowSessions);
        }

        ProbeDataset dataset(double[][] features, int[] labels, List<String> classes, String prefix, int[] counts) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < (features.length == 0 ? 0 : features[0].length); i++) {
                names.add(prefix + i);
            }
            return dataset(features, labels, classes, names, counts);
        }
    }
}

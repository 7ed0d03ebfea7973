package io.neurofm.probe.report;

import io.neurofm.probe.ProbeResult;
import io.neurofm.probe.metrics.Interval;
import io.neurofm.probe.metrics.Metric;
import io.neurofm.signal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes probe results as report.json, report.md and, per probe, a PNG of the per-seed scores
 * (fold means with each seed's bootstrap interval) and a PNG of the confusion matrix summed over
 * seeds. Non-finite numbers are written as JSON null.
 */
public final class ProbeReport {
    private ProbeReport() {
    }

    /**
     * @param title   a heading for the Markdown
     * @param context free key/value facts about the data and protocol (file, events, window ...)
     * @return the files written
     */
    public static List<Path> write(Path dir, String title, Map<String, String> context, List<ProbeResult> results)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        ObjectNode root = JsonMapper.builder().build().createObjectNode();
        root.put("title", title);
        ObjectNode ctx = root.putObject("context");
        context.forEach(ctx::put);
        ArrayNode array = root.putArray("results");
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        context.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append('\n');
        if (results.size() > 1) {
            overview(md, results);
        }
        for (ProbeResult r : results) {
            String slug = slug(r.probe());
            array.add(json(r, slug));
            markdown(md, r, slug);
            written.add(ProbePlots.seedScores(r, dir.resolve(slug + "-seeds.png")));
            written.add(ProbePlots.confusion(r, dir.resolve(slug + "-confusion.png")));
        }
        Path json = dir.resolve("report.json");
        AtomicFiles.write(json, root.toPrettyString().getBytes(StandardCharsets.UTF_8));
        Path mdFile = dir.resolve("report.md");
        AtomicFiles.write(mdFile, md.toString().getBytes(StandardCharsets.UTF_8));
        written.add(0, mdFile);
        written.add(0, json);
        return written;
    }

    static String slug(String probeName) {
        return probeName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static ObjectNode json(ProbeResult r, String slug) {
        ObjectNode o = JsonMapper.builder().build().createObjectNode();
        o.put("probe", r.probe());
        o.put("split", r.split());
        ArrayNode classes = o.putArray("classes");
        r.classes().forEach(classes::add);
        ObjectNode summary = o.putObject("summary_over_seeds");
        r.summary().forEach((m, s) -> {
            ObjectNode n = summary.putObject(m.key());
            number(n, "mean", s.mean());
            number(n, "sd", s.sd());
            number(n, "min", s.min());
            number(n, "max", s.max());
        });
        ArrayNode seeds = o.putArray("seeds");
        for (ProbeResult.SeedResult s : r.seeds()) {
            ObjectNode n = seeds.addObject();
            n.put("seed", s.seed());
            ArrayNode folds = n.putArray("folds");
            for (Map<Metric, Double> f : s.folds()) {
                ObjectNode fn = folds.addObject();
                f.forEach((m, v) -> number(fn, m.key(), v));
            }
            ObjectNode mean = n.putObject("fold_mean");
            s.foldMean().forEach((m, v) -> number(mean, m.key(), v));
            ObjectNode pooled = n.putObject("pooled");
            s.pooled().forEach((m, ci) -> {
                ObjectNode c = pooled.putObject(m.key());
                number(c, "estimate", ci.estimate());
                number(c, "low", ci.low());
                number(c, "high", ci.high());
                c.put("level", ci.level());
                c.put("resamples", ci.resamples());
                c.put("undefined_resamples", ci.undefined());
                c.put("bootstrap_seed", ci.seed());
            });
            ArrayNode cm = n.putArray("confusion");
            for (long[] row : s.confusion().counts()) {
                ArrayNode rowNode = cm.addArray();
                for (long v : row) {
                    rowNode.add(v);
                }
            }
        }
        ArrayNode total = o.putArray("confusion_over_seeds");
        for (long[] row : r.confusionOverSeeds().counts()) {
            ArrayNode rowNode = total.addArray();
            for (long v : row) {
                rowNode.add(v);
            }
        }
        ObjectNode plots = o.putObject("plots");
        plots.put("seeds", slug + "-seeds.png");
        plots.put("confusion", slug + "-confusion.png");
        return o;
    }

    private static void markdown(StringBuilder md, ProbeResult r, String slug) {
        md.append("## ").append(r.probe()).append("\n\n").append("Split: ").append(r.split()).append(". Classes: ")
                .append(r.classes()).append(".\n\n");
        md.append("| metric | mean over seeds | sd | min | max |\n|---|---|---|---|---|\n");
        r.summary().forEach((m, s) -> md.append("| ").append(m.key()).append(" | ").append(f(s.mean())).append(" | ")
                .append(f(s.sd())).append(" | ").append(f(s.min())).append(" | ").append(f(s.max())).append(" |\n"));
        md.append("\n| seed | balanced accuracy per fold | fold mean | pooled (95% bootstrap) | pooled AUROC (95%) |\n")
                .append("|---|---|---|---|---|\n");
        for (ProbeResult.SeedResult s : r.seeds()) {
            md.append("| ").append(s.seed()).append(" | ");
            List<String> folds = new ArrayList<>();
            for (Map<Metric, Double> f : s.folds()) {
                folds.add(f(f.get(Metric.BALANCED_ACCURACY)));
            }
            md.append(String.join(", ", folds)).append(" | ").append(f(s.foldMean().get(Metric.BALANCED_ACCURACY)))
                    .append(" | ").append(ci(s.pooled().get(Metric.BALANCED_ACCURACY))).append(" | ")
                    .append(ci(s.pooled().get(Metric.AUROC))).append(" |\n");
        }
        Interval any = r.seeds().get(0).pooled().get(Metric.BALANCED_ACCURACY);
        md.append("\nIntervals: percentile bootstrap of the pooled out-of-fold predictions, ").append(any.resamples())
                .append(" resamples, seeded with the seed.\n\nConfusion matrix summed over seeds (rows true, columns "
                        + "predicted):\n\n| true \\ predicted | ").append(String.join(" | ", r.classes())).append(" |\n|---|");
        md.append("---|".repeat(r.classes().size())).append('\n');
        long[][] cm = r.confusionOverSeeds().counts();
        for (int i = 0; i < cm.length; i++) {
            md.append("| ").append(r.classes().get(i));
            for (long v : cm[i]) {
                md.append(" | ").append(v);
            }
            md.append(" |\n");
        }
        md.append("\n![per-seed scores](").append(slug).append("-seeds.png) ![confusion matrix](").append(slug)
                .append("-confusion.png)\n\n");
    }

    /** One line per result, so several feature sets under one protocol can be compared at a glance. */
    private static void overview(StringBuilder md, List<ProbeResult> results) {
        md.append("## Overview\n\n| features · probe | balanced accuracy, mean over seeds (sd) | min-max over seeds "
                + "| pooled, seed ").append(results.get(0).seeds().get(0).seed()).append(" (95% bootstrap) |\n")
                .append("|---|---|---|---|\n");
        for (ProbeResult r : results) {
            ProbeResult.SeedSummary s = r.summary().get(Metric.BALANCED_ACCURACY);
            md.append("| ").append(r.probe()).append(" | ").append(f(s.mean())).append(" (").append(f(s.sd()))
                    .append(") | ").append(f(s.min())).append("-").append(f(s.max())).append(" | ")
                    .append(ci(r.seeds().get(0).pooled().get(Metric.BALANCED_ACCURACY))).append(" |\n");
        }
        md.append('\n');
    }

    private static String ci(Interval i) {
        return f(i.estimate()) + " [" + f(i.low()) + ", " + f(i.high()) + "]";
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}

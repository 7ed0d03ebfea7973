package io.neurofm.probe.report;

import io.neurofm.probe.ProbeResult;
import io.neurofm.probe.metrics.Interval;
import io.neurofm.probe.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** PNG plots of a probe result with XChart, drawn headless. */
final class ProbePlots {
    private ProbePlots() {
    }

    /** Bars of each seed's fold-mean balanced accuracy, with the pooled bootstrap interval as error bars. */
    static Path seedScores(ProbeResult r, Path file) throws IOException {
        headless();
        List<String> seeds = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> pooled = new ArrayList<>();
        List<Double> halfWidths = new ArrayList<>();
        for (ProbeResult.SeedResult s : r.seeds()) {
            seeds.add("seed " + s.seed());
            means.add(s.foldMean().get(Metric.BALANCED_ACCURACY));
            Interval ci = s.pooled().get(Metric.BALANCED_ACCURACY);
            pooled.add(ci.estimate());
            // XChart draws symmetric error bars: half the interval's width around the pooled estimate
            halfWidths.add(Double.isFinite(ci.low()) ? (ci.high() - ci.low()) / 2 : 0);
        }
        CategoryChart chart = new CategoryChartBuilder().width(640).height(400)
                .title(r.probe() + ": balanced accuracy per seed").xAxisTitle("seed").yAxisTitle("balanced accuracy")
                .build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.05).setLegendVisible(true);
        chart.addSeries("fold mean", seeds, means);
        chart.addSeries("pooled, 95% bootstrap", seeds, pooled, halfWidths);
        BitmapEncoder.saveBitmap(chart, strip(file), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    /** Heat map of the confusion matrix summed over seeds. */
    static Path confusion(ProbeResult r, Path file) throws IOException {
        headless();
        long[][] cm = r.confusionOverSeeds().counts();
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < cm.length; t++) {
            for (int p = 0; p < cm.length; p++) {
                cells.add(new Number[] {p, t, cm[t][p]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(480).height(440)
                .title(r.probe() + ": confusion over " + r.seeds().size() + " seeds")
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setLegendVisible(false);
        chart.addSeries("confusion", r.classes(), r.classes(), cells);
        BitmapEncoder.saveBitmap(chart, strip(file), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    private static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** XChart appends the extension itself. */
    private static String strip(Path file) {
        String s = file.toString();
        return s.endsWith(".png") ? s.substring(0, s.length() - 4) : s;
    }
}

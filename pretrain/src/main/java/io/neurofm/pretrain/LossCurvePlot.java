package io.neurofm.pretrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tools.jackson.databind.JsonNode;

/** loss.png from a run's metrics.jsonl: training loss per logged step and validation loss where validated. */
public final class LossCurvePlot {
    private LossCurvePlot() {
    }

    public static Path write(Path metrics, Path png, String title) throws IOException {
        List<Double> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> valSteps = new ArrayList<>();
        List<Double> valLosses = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = PretrainJobConfig.JSON.readTree(line);
            double step = node.get("step").asDouble();
            steps.add(step);
            losses.add(node.get("loss").asDouble());
            if (node.has("val_loss")) {
                valSteps.add(step);
                valLosses.add(node.get("val_loss").asDouble());
            }
        }
        if (steps.isEmpty()) {
            throw new IOException(metrics + " holds no metric lines to plot");
        }
        // Drawing with AWT must not need a display (servers, CI).
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("step").yAxisTitle("loss (nats)").build();
        chart.addSeries("train", steps, losses);
        if (!valSteps.isEmpty()) {
            chart.addSeries("validation", valSteps, valLosses);
        }
        String base = png.toString();
        // XChart appends the extension itself.
        BitmapEncoder.saveBitmap(chart, base.endsWith(".png") ? base.substring(0, base.length() - 4) : base,
                BitmapEncoder.BitmapFormat.PNG);
        return png;
    }
}

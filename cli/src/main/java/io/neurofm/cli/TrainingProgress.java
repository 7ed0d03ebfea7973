package io.neurofm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A progress bar for a training run, drawn from the run's {@code metrics.jsonl} (one line per step)
 * by a daemon thread, so the training loop itself needs no hook. Redraws one terminal line with
 * {@code \r}; {@link #close} draws the final state and ends the line.
 */
final class TrainingProgress implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WIDTH = 30;

    private final Path metrics;
    private final long totalSteps;
    private final PrintWriter out;
    private final Thread thread;
    private final long started = System.nanoTime();
    private volatile boolean running = true;
    private String lastDrawn = "";
    private long lastStep;

    TrainingProgress(Path metrics, long totalSteps, PrintWriter out) {
        this.metrics = metrics;
        this.totalSteps = totalSteps;
        this.out = out;
        this.thread = new Thread(this::loop, "quickstart-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            draw();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The bar for {@code step} of {@code total}: "[#####-----] step 5/10  loss 5.1234  12 s". */
    static String bar(long step, long total, double loss, double seconds) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, step * WIDTH / total);
        String eta = step > 0 && step < total ? String.format(Locale.ROOT, ", ~%.0f s left",
                seconds / step * (total - step)) : "";
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] step " + step + "/" + total
                + (Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "  loss %.4f", loss))
                + String.format(Locale.ROOT, "  %.0f s%s", seconds, eta);
    }

    private synchronized void draw() {
        long step = 0;
        double loss = Double.NaN;
        try {
            if (Files.exists(metrics)) {
                List<String> lines = Files.readAllLines(metrics);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    String line = lines.get(i).strip();
                    if (line.isEmpty()) {
                        continue;
                    }
                    try {
                        JsonNode node = JSON.readTree(line);
                        step = node.path("step").asLong();
                        loss = node.path("loss").asDouble(Double.NaN);
                        break;
                    } catch (RuntimeException partialLine) {
                        // the trainer is writing this line right now; the one before is whole
                    }
                }
            }
        } catch (IOException e) {
            return;
        }
        // One redraw per step: a log file or CI output gets one bar per step, not one per poll.
        if (step == 0 || step == lastStep) {
            return;
        }
        lastStep = step;
        lastDrawn = bar(step, totalSteps, loss, (System.nanoTime() - started) / 1e9);
        out.print("\r" + lastDrawn);
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        if (!lastDrawn.isEmpty()) {
            out.println();
            out.flush();
        }
    }
}

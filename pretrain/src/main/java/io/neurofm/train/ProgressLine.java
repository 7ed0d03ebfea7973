package io.neurofm.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The one-line progress display of a training run on stderr, redrawn in place with a carriage
 * return: a bar, step, loss (and the last validation loss), samples/s and tokens/s since the run
 * (or the resume) started, and the ETA from that rate. Only drawn when asked for (the CLI asks
 * when stderr is a terminal), so logs and tests stay free of carriage returns.
 */
public final class ProgressLine {
    private static final int BAR = 20;

    private final PrintStream out;
    private final long firstStep;
    private final long totalSteps;
    private final int samplesPerStep;
    private final long tokensPerSample;
    private final long startNanos = System.nanoTime();
    private Double lastValidation;

    public ProgressLine(PrintStream out, long firstStep, long totalSteps, int samplesPerStep, long tokensPerSample) {
        this.out = out;
        this.firstStep = firstStep;
        this.totalSteps = totalSteps;
        this.samplesPerStep = samplesPerStep;
        this.tokensPerSample = tokensPerSample;
    }

    /** Draws the line for {@code done} finished steps; a new line after the last one. */
    public void update(long done, double loss, Double validation, long nowNanos) {
        if (validation != null) {
            lastValidation = validation;
        }
        out.print("\r" + format(done, loss, (nowNanos - startNanos) / 1e9));
        if (done == totalSteps) {
            out.println();
        }
        out.flush();
    }

    /** The text of the line after {@code seconds} of this process's training. */
    String format(long done, double loss, double seconds) {
        int filled = (int) (BAR * done / totalSteps);
        long steps = done - firstStep;
        double stepsPerSecond = seconds > 0 ? steps / seconds : 0;
        double samples = stepsPerSecond * samplesPerStep;
        StringBuilder line = new StringBuilder();
        line.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
        line.append(String.format(Locale.ROOT, "step %d/%d  loss %.4f", done, totalSteps, loss));
        if (lastValidation != null) {
            line.append(String.format(Locale.ROOT, "  val %.4f", lastValidation));
        }
        line.append(String.format(Locale.ROOT, "  %.1f samples/s  %.0f tokens/s  ETA %s", samples,
                samples * tokensPerSample, stepsPerSecond > 0 ? duration((totalSteps - done) / stepsPerSecond) : "?"));
        return line.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}

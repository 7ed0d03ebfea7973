package io.neurofm.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress display of a training run (me.tongfei progressbar: bar, step count, elapsed, ETA),
 * with loss, the last validation loss and tokens/s since the run (or the resume) started as its
 * message. Only drawn when asked for (the CLI asks when stderr is a terminal), so
 * logs and tests stay free of carriage returns.
 */
public final class ProgressLine implements AutoCloseable {
    private final ProgressBar bar;
    private final long firstStep;
    private final int samplesPerStep;
    private final long tokensPerSample;
    private final long startNanos = System.nanoTime();
    private Double lastValidation;

    public ProgressLine(PrintStream out, long firstStep, long totalSteps, int samplesPerStep, long tokensPerSample) {
        this.firstStep = firstStep;
        this.samplesPerStep = samplesPerStep;
        this.tokensPerSample = tokensPerSample;
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).setUpdateIntervalMillis(250)
                // A fixed width: the library measures the terminal through jline, which sees none
                // when stderr is piped, and then squeezes the bar to nothing.
                .setConsumer(new ConsoleProgressBarConsumer(out, 130)).startsFrom(firstStep, Duration.ZERO)
                .build();
    }

    /** Moves the bar to {@code done} finished steps; closes it after the last one. */
    public void update(long done, double loss, Double validation, long nowNanos) {
        if (validation != null) {
            lastValidation = validation;
        }
        bar.stepTo(done);
        bar.setExtraMessage(message(done, loss, (nowNanos - startNanos) / 1e9));
        if (done == bar.getMax()) {
            bar.close();
        }
    }

    /** The message beside the bar after {@code seconds} of this process's training. */
    String message(long done, double loss, double seconds) {
        double stepsPerSecond = seconds > 0 ? (done - firstStep) / seconds : 0;
        double samples = stepsPerSecond * samplesPerStep;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", loss));
        if (lastValidation != null) {
            line.append(String.format(Locale.ROOT, " val %.4f", lastValidation));
        }
        return line.append(String.format(Locale.ROOT, " %.0f tok/s", samples * tokensPerSample)).toString();
    }

    @Override
    public void close() {
        bar.close();
    }
}

package io.neurofm.spark;

import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.InvalidInputException;
import io.neurofm.inference.ModelDescription;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.load.LoadSpec;
import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The task of {@link EmbedCorpusJob}: borrows this executor's model ({@link ExecutorModels}), and
 * for each recording of the partition reads it ({@link RecordingLoader}, with its BIDS sidecars),
 * cuts it into the model's windows ({@link EmbeddingModel#windows}) and embeds them in batches.
 */
final class EmbedRecordings implements FlatMapFunction<Iterator<InputRecording>, EmbeddedRecording> {
    private static final long serialVersionUID = 1L;

    /**
     * @param strideSeconds between window starts; 0 = the model's window length (no overlap)
     * @param pooling       one of the model's poolings; null = its default
     * @param batchWindows  windows per forward pass
     */
    record Settings(ExecutorModels.Key model, double strideSeconds, String pooling, int batchWindows)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        Settings {
            if (!(strideSeconds >= 0) || Double.isInfinite(strideSeconds)) {
                throw new IllegalArgumentException("stride must be >= 0 seconds, got " + strideSeconds);
            }
            if (batchWindows < 1) {
                throw new IllegalArgumentException("batch must be >= 1 window, got " + batchWindows);
            }
        }
    }

    private final Settings settings;

    EmbedRecordings(Settings settings) {
        this.settings = settings;
    }

    /*
     * The partition is embedded before its results are handed on, so the model goes back to the pool
     * when the task's work is done rather than when Spark drains the iterator; a partition's
     * embeddings are small next to its signals.
     */
    @Override
    public Iterator<EmbeddedRecording> call(Iterator<InputRecording> recordings) throws IOException {
        List<EmbeddedRecording> out = new ArrayList<>();
        if (!recordings.hasNext()) {
            return out.iterator();
        }
        try (ExecutorModels.Lease lease = ExecutorModels.borrow(settings.model())) {
            while (recordings.hasNext()) {
                out.add(embed(lease.model(), recordings.next(), settings));
            }
        }
        return out.iterator();
    }

    /** One recording through the model: every window, in order. */
    static EmbeddedRecording embed(EmbeddingModel model, InputRecording input, Settings settings) throws IOException {
        ModelDescription d = model.description();
        String pooling = settings.pooling() == null ? d.defaultPooling() : settings.pooling();
        int stride = strideSamples(settings.strideSeconds(), d);
        Recording recording = RecordingLoader.load(Path.of(input.file()), LoadSpec.whole());
        List<PreparedWindow> windows;
        float[][] embeddings;
        try {
            windows = model.windows(recording, stride);
            embeddings = new float[windows.size()][];
            for (int from = 0; from < windows.size(); from += settings.batchWindows()) {
                int to = Math.min(windows.size(), from + settings.batchWindows());
                float[][] rows = model.embed(windows.subList(from, to), pooling);
                System.arraycopy(rows, 0, embeddings, from, rows.length);
            }
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(input.file() + ": " + e.field() + ": " + e.getMessage(), e);
        }
        double[] starts = new double[windows.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = windows.get(i).startSeconds();
        }
        EmbeddingSetup setup = new EmbeddingSetup(d.reference(), d.family(), pooling, d.samplingRate(),
                d.windowSamples(), stride);
        return new EmbeddedRecording(input.index(), input.file(), setup, embeddings, starts);
    }

    /** Seconds to samples at the model's rate; 0 seconds = the window length. */
    static int strideSamples(double strideSeconds, ModelDescription d) {
        if (strideSeconds == 0) {
            return d.windowSamples();
        }
        long samples = Math.round(strideSeconds * d.samplingRate());
        if (samples < 1 || samples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a stride of " + strideSeconds + " s is " + samples + " samples at the model's "
                    + d.samplingRate() + " Hz; it must be at least one sample");
        }
        return (int) samples;
    }
}

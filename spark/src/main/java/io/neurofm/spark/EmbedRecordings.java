package io.neurofm.spark;

import io.neurofm.embed.Embedder;
import io.neurofm.embed.EmbeddingTable;
import io.neurofm.embed.InputFiles;
import io.neurofm.embed.Segmentation;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.InvalidInputException;
import io.neurofm.montage.ChannelMap;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The task of {@link EmbedCorpusJob}: borrows this executor's model ({@link ExecutorModels}) and
 * runs each recording of the partition through {@link Embedder#embedFile}, the per-file step of
 * {@code neurofm embed} (load with BIDS sidecars, channel map, cut into windows or epochs, embed).
 */
final class EmbedRecordings implements FlatMapFunction<Iterator<InputRecording>, EmbeddedRecording> {
    private static final long serialVersionUID = 1L;

    /**
     * @param how        windows or epochs, as {@code neurofm embed --stride-seconds / --epochs --tmin --tmax}
     * @param pooling    one of the model's poolings; null = its default
     * @param channelMap a {@code --channel-map} value ({@link InputFiles#channelMap}), null for none
     */
    record Settings(ExecutorModels.Key model, Segmentation how, String pooling, String channelMap)
            implements Serializable {
        private static final long serialVersionUID = 1L;
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
        ChannelMap map = InputFiles.channelMap(settings.channelMap());
        try (ExecutorModels.Lease lease = ExecutorModels.borrow(settings.model())) {
            EmbeddingModel model = lease.model();
            String pooling = settings.pooling() == null ? model.description().defaultPooling() : settings.pooling();
            while (recordings.hasNext()) {
                InputRecording input = recordings.next();
                List<String> log = new ArrayList<>();
                EmbeddingTable table;
                try {
                    table = Embedder.embedFile(model, Path.of(input.file()), map, settings.how(), pooling, log::add);
                } catch (InvalidInputException e) {
                    throw new IllegalArgumentException(input.file() + ": " + e.field() + ": " + e.getMessage(), e);
                }
                out.add(new EmbeddedRecording(input.index(), model.description(), String.join("\n", log),
                        EmbeddedRecording.Rows.of(table)));
            }
        }
        return out.iterator();
    }
}

package io.neurofm.embed;

import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.montage.ChannelMap;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs a loaded model over files: load, cut ({@link Segments}), embed in batches. */
public final class Embedder {
    /** Windows per forward pass: bounds memory on long recordings; results do not depend on it. */
    public static final int BATCH = 64;

    private Embedder() {
    }

    /** Embeddings of windows in order, {@link #BATCH} windows per call to the model. */
    public static float[][] embed(EmbeddingModel model, List<PreparedWindow> windows, String pooling) {
        float[][] out = new float[windows.size()][];
        for (int from = 0; from < windows.size(); from += BATCH) {
            int to = Math.min(windows.size(), from + BATCH);
            float[][] part = model.embed(windows.subList(from, to), pooling);
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    /**
     * Every file through {@link #embedFile}, in order, as one table.
     *
     * @param log one line per file (channels used, segments, rejected epochs)
     */
    public static EmbeddingTable embedFiles(EmbeddingModel model, List<Path> files, ChannelMap map, Segmentation how,
                                            String pooling, Consumer<String> log) throws IOException {
        List<EmbeddingTable> tables = new ArrayList<>();
        for (Path file : files) {
            tables.add(embedFile(model, file, map, how, pooling, log));
        }
        return EmbeddingTable.concat(tables);
    }

    /**
     * One file loaded ({@link InputFiles#load}), cut ({@link Segments#cut}) and embedded: the unit of
     * work of {@code neurofm embed} and of the Spark embedding job alike.
     *
     * @param log gets one line (channels used, segments, rejected epochs)
     */
    public static EmbeddingTable embedFile(EmbeddingModel model, Path file, ChannelMap map, Segmentation how,
                                           String pooling, Consumer<String> log) throws IOException {
        Recording recording = InputFiles.load(file, map);
        Segments segments = Segments.cut(model, recording, how);
        log.accept(file.getFileName() + ": " + segments.size() + (how.isEpochs() ? " epochs" : " windows")
                + " of channels " + segments.channels()
                + (segments.rejected().isEmpty() ? "" : "; rejected " + segments.rejected()));
        return new EmbeddingTable.Builder()
                .add(file, recording.ids(), segments, embed(model, segments.windows(), pooling))
                .build();
    }
}

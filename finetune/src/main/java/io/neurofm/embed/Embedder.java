package io.neurofm.embed;

import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.montage.ChannelMap;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Path;
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
     * Every file loaded ({@link InputFiles#load}), cut and embedded.
     *
     * @param log one line per file (channels used, segments, rejected epochs)
     */
    public static EmbeddingTable embedFiles(EmbeddingModel model, List<Path> files, ChannelMap map, Segmentation how,
                                            String pooling, Consumer<String> log) throws IOException {
        EmbeddingTable.Builder table = new EmbeddingTable.Builder();
        for (Path file : files) {
            Recording recording = InputFiles.load(file, map);
            Segments segments = Segments.cut(model, recording, how);
            log.accept(file.getFileName() + ": " + segments.size() + (how.isEpochs() ? " epochs" : " windows")
                    + " of channels " + segments.channels()
                    + (segments.rejected().isEmpty() ? "" : "; rejected " + segments.rejected()));
            table.add(file, recording.ids(), segments, embed(model, segments.windows(), pooling));
        }
        return table.build();
    }
}

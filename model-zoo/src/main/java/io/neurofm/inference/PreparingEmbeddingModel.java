package io.neurofm.inference;

import ai.djl.ndarray.NDManager;
import io.neurofm.signal.Recording;
import java.util.List;

/**
 * What every family's embedding model shares: the artifact's preprocessing for client windows and
 * recordings, cutting recordings into the model's windows, and the native memory it owns. A family
 * adds its window-length rule and its forward passes.
 */
abstract class PreparingEmbeddingModel implements EmbeddingModel {
    protected final NDManager manager;

    PreparingEmbeddingModel(NDManager manager) {
        this.manager = manager;
    }

    /** The artifact's preprocessing with this family's channel rule. */
    abstract ArtifactPreprocessing preparation();

    /** Refuses a prepared client window whose length the model cannot take, naming the limit. */
    abstract void checkLength(PreparedWindow prepared);

    @Override
    public PreparedWindow prepare(SignalWindow window) {
        PreparedWindow prepared = ArtifactPreprocessing.whole(preparation().prepareWindow(window));
        checkLength(prepared);
        return prepared;
    }

    @Override
    public Recording prepareRecording(Recording recording) {
        return preparation().prepareRecording(recording);
    }

    @Override
    public List<PreparedWindow> windows(Recording recording, int strideSamples) {
        return ArtifactPreprocessing.cut(prepareRecording(recording), description().windowSamples(), strideSamples);
    }

    @Override
    public void close() {
        manager.close();
    }
}

package io.neurofm.inference;

import io.neurofm.signal.Recording;
import java.util.List;

/**
 * A registered artifact loaded for inference: prepares inputs the artifact's way and embeds them.
 * One instance holds its weights on one device; it is not thread-safe (pool instances to serve
 * concurrent requests), and {@link #close} frees its native memory.
 */
public interface EmbeddingModel extends AutoCloseable {
    ModelDescription description();

    /**
     * One client window through the artifact's preprocessing (name normalisation, channel check,
     * resampling, filters, normalisation, position lookup).
     *
     * @throws InvalidInputException naming the field (channels, sfreq, data) that the model cannot take
     */
    PreparedWindow prepare(SignalWindow window);

    /**
     * A whole recording through the preprocessing, then cut into consecutive windows of
     * {@link ModelDescription#windowSamples} with the given stride (a trailing part shorter than a
     * window is dropped). Preprocessing the recording once, rather than each window, keeps filter
     * edge effects out of every window but the first.
     *
     * @param strideSamples distance between window starts at the model's rate; 0 = the window length
     */
    List<PreparedWindow> windows(Recording recording, int strideSamples);

    /** The whole recording prepared (at the model's rate), for callers that cut their own epochs. */
    Recording prepareRecording(Recording recording);

    /**
     * Embeddings of prepared windows, in order: one row per window. Windows of one shape (channels
     * and samples) share a forward pass; batch sizes are the caller's choice.
     *
     * @param pooling one of {@link ModelDescription#poolings}
     */
    float[][] embed(List<PreparedWindow> windows, String pooling);

    /**
     * Hidden-state sequences of prepared windows, in order: [N][T'][d], the final hidden state of
     * each step averaged over channels (MEG-GPT: one step per sample; DeeperBrain: one per patch),
     * for probes that read time, such as MEG-GPT's temporal probe. Windows of one shape share a
     * forward pass.
     */
    float[][][] embedSequence(List<PreparedWindow> windows);

    @Override
    void close();
}

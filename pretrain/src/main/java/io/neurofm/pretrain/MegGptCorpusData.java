package io.neurofm.pretrain;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neurofm.corpus.CorpusSplit;
import io.neurofm.corpus.ShardReader;
import io.neurofm.train.TrainingData;
import java.util.ArrayList;
import java.util.List;

/**
 * MEG-GPT batches from a corpus split: {@code [tokens [B, C, T] int32, channelIds [B, C] int32,
 * sessionIds [B] int32]}. Recordings have different channel counts, so one sample is a block of
 * {@code C} consecutive rows of a window (rows {@code kC .. kC+C-1}, {@code k < rows / C}; the
 * remainder rows of a window are not used); every sample then has the same shape and any set of
 * indices forms a batch. Sample order: windows in split order, blocks within a window.
 */
public final class MegGptCorpusData implements TrainingData {
    private final CorpusSplit split;
    private final CorpusVocabulary vocabulary;
    private final int channels;
    private final int steps;
    private final long[] windows;
    private final int[] blocks;

    private MegGptCorpusData(CorpusSplit split, CorpusVocabulary vocabulary, int channels, int steps,
            long[] windows, int[] blocks) {
        this.split = split;
        this.vocabulary = vocabulary;
        this.channels = channels;
        this.steps = steps;
        this.windows = windows;
        this.blocks = blocks;
    }

    /**
     * @param maxSamples 0 for every sample, else at most this many, evenly spaced over the set
     *     (sample {@code floor(i * n / max)}), so validation stays cheap and still spans every recording
     */
    public static MegGptCorpusData of(CorpusSplit split, CorpusVocabulary vocabulary, int channelsPerSample,
            int maxSamples) {
        List<long[]> all = new ArrayList<>();
        int steps = -1;
        for (long w = 0; w < split.windowCount(); w++) {
            ShardReader shard = split.shardOf(w);
            if (shard.shape().dim() != 1) {
                throw new IllegalArgumentException("corpus split " + split.name() + " holds vectors, MEG-GPT needs ids");
            }
            if (steps < 0) {
                steps = shard.shape().steps();
            } else if (steps != shard.shape().steps()) {
                throw new IllegalArgumentException("windows of " + steps + " and " + shard.shape().steps()
                        + " steps in split " + split.name());
            }
            for (int k = 0; k < shard.shape().rows() / channelsPerSample; k++) {
                all.add(new long[] {w, k});
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("corpus split " + split.name() + " has no window with at least "
                    + channelsPerSample + " channels");
        }
        int n = all.size();
        int size = maxSamples == 0 ? n : Math.min(n, maxSamples);
        long[] windows = new long[size];
        int[] blocks = new int[size];
        for (int i = 0; i < size; i++) {
            long[] pick = all.get((int) ((long) i * n / size));
            windows[i] = pick[0];
            blocks[i] = (int) pick[1];
        }
        return new MegGptCorpusData(split, vocabulary, channelsPerSample, steps, windows, blocks);
    }

    @Override
    public int size() {
        return windows.length;
    }

    @Override
    public long tokensPerSample() {
        return (long) channels * steps;
    }

    public int steps() {
        return steps;
    }

    @Override
    public NDList batch(NDManager manager, int[] indices) {
        int b = indices.length;
        int[] tokens = new int[b * channels * steps];
        int[] channelIds = new int[b * channels];
        int[] sessionIds = new int[b];
        for (int i = 0; i < b; i++) {
            int index = indices[i];
            if (index < 0 || index >= windows.length) {
                throw new IndexOutOfBoundsException("sample " + index + " of " + windows.length);
            }
            long window = windows[index];
            int first = blocks[index] * channels;
            int[] ids = split.ids(window);
            System.arraycopy(ids, first * steps, tokens, i * channels * steps, channels * steps);
            int source = split.info(window).source();
            int[] rows = vocabulary.sourceChannels().get(source);
            System.arraycopy(rows, first, channelIds, i * channels, channels);
            sessionIds[i] = source;
        }
        return new NDList(manager.create(tokens, new Shape(b, channels, steps)),
                manager.create(channelIds, new Shape(b, channels)), manager.create(sessionIds, new Shape(b)));
    }
}

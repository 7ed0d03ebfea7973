package io.neurofm.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.neurofm.family.deeperbrain.DeeperBrainBatch;
import io.neurofm.signal.Position;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled epochs as DeeperBrain patches: every epoch has the same channels (with positions, null
 * when unknown) and the same number of patches.
 *
 * @param patches    [N][C][P][L], already scaled as the model expects (volts x input_scale)
 * @param positions  [C] electrode positions in metres, null entries for unknown positions
 * @param labels     [N] class indices
 * @param classNames the K classes
 * @param channels   channel names, [C]
 */
public record FineTuneData(float[][][][] patches, List<Position> positions, int[] labels, List<String> classNames,
                           List<String> channels) {
    public FineTuneData {
        positions = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(positions));
        classNames = List.copyOf(classNames);
        channels = List.copyOf(channels);
        if (patches.length == 0 || patches.length != labels.length) {
            throw new IllegalArgumentException("need one label per epoch and at least one epoch, got "
                    + patches.length + " epochs and " + labels.length + " labels");
        }
        if (positions.size() != channels.size() || patches[0].length != channels.size()) {
            throw new IllegalArgumentException("epochs, positions and channel names disagree on the channel count: "
                    + patches[0].length + ", " + positions.size() + ", " + channels.size());
        }
        for (int y : labels) {
            if (y < 0 || y >= classNames.size()) {
                throw new IllegalArgumentException("label " + y + " outside the " + classNames.size() + " classes");
            }
        }
    }

    public int size() {
        return patches.length;
    }

    public int classCount() {
        return classNames.size();
    }

    /** The epochs at {@code indices}, in that order. */
    public FineTuneData subset(int[] indices) {
        float[][][][] p = new float[indices.length][][][];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            p[i] = patches[indices[i]];
            y[i] = labels[indices[i]];
        }
        return new FineTuneData(p, positions, y, classNames, channels);
    }

    /** {@code NDList(patches, positions, known, mask)} for the model (no patch masked) and the labels [B] (int32). */
    public NDList batch(NDManager manager, int[] indices) {
        float[][][][] p = new float[indices.length][][][];
        Position[][] pos = new Position[indices.length][];
        float[][][] mask = new float[indices.length][channels.size()][patches[0][0].length];
        int[] y = new int[indices.length];
        Position[] row = positions.toArray(new Position[0]);
        for (int i = 0; i < indices.length; i++) {
            p[i] = patches[indices[i]];
            pos[i] = row;
            y[i] = labels[indices[i]];
        }
        NDList batch = DeeperBrainBatch.of(manager, p, pos, mask, null);
        NDArray labelArray = manager.create(y);
        batch.add(labelArray);
        return batch;
    }

    /** 0 .. N-1. */
    public int[] all() {
        int[] idx = new int[size()];
        Arrays.setAll(idx, i -> i);
        return idx;
    }
}

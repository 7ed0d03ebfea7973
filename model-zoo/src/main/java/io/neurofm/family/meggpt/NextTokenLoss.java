package io.neurofm.family.meggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Next-token cross-entropy restricted to the last K steps of each window. The early steps of a
 * window have little context, so (as in MEG-GPT) only predictions with a long history are
 * scored: the logits of steps T-K-1 .. T-2 against the tokens of steps T-K .. T-1.
 */
public final class NextTokenLoss {
    private NextTokenLoss() {}

    /**
     * Mean over batch, channels and the K scored steps of {@code -log softmax(logits)[target]}.
     *
     * @param logits [B, C, T, V]
     * @param tokens [B, C, T] integer ids; step t+1 is the target of the logits at step t
     * @param lastSteps K, in [1, T-1]
     * @return a scalar
     */
    public static NDArray lastSteps(NDArray logits, NDArray tokens, int lastSteps) {
        Shape ls = logits.getShape();
        Shape ts = tokens.getShape();
        if (ls.dimension() != 4 || ts.dimension() != 3
                || !ls.slice(0, 3).equals(ts)) {
            throw new IllegalArgumentException(
                    "logits must be [B, C, T, V] and tokens [B, C, T], got " + ls + " and " + ts);
        }
        long steps = ts.get(2);
        if (lastSteps < 1 || lastSteps > steps - 1) {
            throw new IllegalArgumentException("cannot score the last " + lastSteps + " steps of a "
                    + steps + "-step window: need 1 <= K <= " + (steps - 1));
        }
        long first = steps - lastSteps;
        NDArray predictions = logits.get(new NDIndex(":, :, {}:{}", first - 1, steps - 1));
        NDArray targets = tokens.get(new NDIndex(":, :, {}:", first))
                .toType(DataType.INT64, false).expandDims(-1);
        NDArray logProbabilities = predictions.logSoftmax(-1);
        return logProbabilities.gather(targets, -1).mean().neg();
    }
}

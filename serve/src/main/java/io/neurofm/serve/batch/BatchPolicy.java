package io.neurofm.serve.batch;

/**
 * How a model's workers group requests.
 *
 * @param batching   false = one request per forward pass
 * @param batchSize  most windows per forward pass (a larger request is cut into passes of this size)
 * @param maxDelayMs how long a worker with a partial batch waits for more requests
 * @param queue      most requests waiting
 */
public record BatchPolicy(boolean batching, int batchSize, long maxDelayMs, int queue) {
    public BatchPolicy {
        if (batchSize < 1 || maxDelayMs < 0 || queue < 1) {
            throw new IllegalArgumentException("batch size and queue must be >= 1 and the delay >= 0, got "
                    + batchSize + ", " + queue + ", " + maxDelayMs);
        }
    }
}

package io.neurofm.serve.batch;

/** A model's request queue is full: the client should retry later (503 with Retry-After). */
public final class QueueFullException extends RuntimeException {
    public QueueFullException(String model, int capacity) {
        super("model " + model + " has " + capacity + " requests waiting, its queue's capacity; retry later");
    }
}

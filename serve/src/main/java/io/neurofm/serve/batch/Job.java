package io.neurofm.serve.batch;

import io.neurofm.inference.PreparedWindow;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One request's prepared windows waiting for a worker; the future gets one embedding row per window. */
record Job(List<PreparedWindow> windows, String pooling, long enqueuedNanos, CompletableFuture<float[][]> result) {
    Job(List<PreparedWindow> windows, String pooling) {
        this(List.copyOf(windows), pooling, System.nanoTime(), new CompletableFuture<>());
    }
}

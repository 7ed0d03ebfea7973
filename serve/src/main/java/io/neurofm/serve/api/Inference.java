package io.neurofm.serve.api;

import io.neurofm.inference.PreparedWindow;
import io.neurofm.serve.ServeSettings;
import io.neurofm.serve.batch.RequestTimeoutException;
import io.neurofm.serve.batch.ServedModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/** Queues prepared windows on a model's workers and waits, at most the request timeout, for the rows. */
@Component
public class Inference {
    private final long timeoutMs;

    public Inference(ServeSettings settings) {
        this.timeoutMs = settings.requestTimeoutMs();
    }

    public float[][] embed(ServedModel model, List<PreparedWindow> windows, String pooling) {
        CompletableFuture<float[][]> future = model.submit(windows, pooling);
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Cancelled before a worker starts it, the request is skipped; mid-pass, its rows are dropped.
            future.cancel(false);
            model.workers().metrics().timedOut();
            throw new RequestTimeoutException(model.name(), timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new RequestTimeoutException(model.name(), timeoutMs);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}

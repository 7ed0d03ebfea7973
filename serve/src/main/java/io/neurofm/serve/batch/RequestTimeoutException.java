package io.neurofm.serve.batch;

/** A request was not answered within neurofm.request-timeout-ms (503 with Retry-After). */
public final class RequestTimeoutException extends RuntimeException {
    public RequestTimeoutException(String model, long timeoutMs) {
        super("model " + model + " did not answer within " + timeoutMs + " ms (queueing and inference); retry later");
    }
}

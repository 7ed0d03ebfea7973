package io.neurofm.serve.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The serving meters of one model, all tagged {@code model}: time spent queued, windows per
 * forward pass, forward-pass latency, rejections by reason (queue_full, timeout), queue depth.
 */
public final class ServeMetrics {
    public static final String QUEUE_TIME = "neurofm.queue.time";
    public static final String BATCH_SIZE = "neurofm.batch.size";
    public static final String INFERENCE_LATENCY = "neurofm.inference.latency";
    public static final String REJECTIONS = "neurofm.rejections";
    public static final String QUEUE_DEPTH = "neurofm.queue.depth";

    private final Timer queueTime;
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Counter queueFull;
    private final Counter timeout;

    ServeMetrics(MeterRegistry registry, String model, BlockingQueue<?> queue) {
        queueTime = Timer.builder(QUEUE_TIME).description("time a request waits before its forward pass starts")
                .tag("model", model).register(registry);
        batchSize = DistributionSummary.builder(BATCH_SIZE).description("windows per forward pass")
                .baseUnit("windows").tag("model", model).register(registry);
        inference = Timer.builder(INFERENCE_LATENCY).description("forward pass (embedding) time of one batch")
                .tag("model", model).register(registry);
        queueFull = Counter.builder(REJECTIONS).description("requests refused with 503")
                .tag("model", model).tag("reason", "queue_full").register(registry);
        timeout = Counter.builder(REJECTIONS).description("requests refused with 503")
                .tag("model", model).tag("reason", "timeout").register(registry);
        Gauge.builder(QUEUE_DEPTH, queue, BlockingQueue::size).description("requests waiting")
                .tag("model", model).register(registry);
    }

    void queued(long nanos) {
        queueTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    void batch(int windows, long nanos) {
        batchSize.record(windows);
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    void rejectedFull() {
        queueFull.increment();
    }

    public void timedOut() {
        timeout.increment();
    }
}

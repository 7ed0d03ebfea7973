package io.neurofm.serve.batch;

import io.micrometer.core.instrument.MeterRegistry;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.InvalidInputException;
import io.neurofm.inference.PreparedWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching for one model: requests wait in a bounded queue; each of N worker threads owns
 * one {@link EmbeddingModel} instance (instances are not thread-safe), takes the first waiting
 * request, then keeps taking requests until the batch holds {@code batchSize} windows or
 * {@code maxDelayMs} has passed, and embeds them together (per pooling). With batching off a
 * worker takes exactly one request. A full queue refuses at once ({@link QueueFullException});
 * a request cancelled by its caller (timeout) before its pass starts is skipped.
 */
public final class ModelWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWorkers.class);

    private final String name;
    private final BatchPolicy policy;
    private final BlockingQueue<Job> queue;
    private final ServeMetrics metrics;
    private final List<Thread> threads = new ArrayList<>();
    private final List<EmbeddingModel> instances;
    private volatile boolean closed;

    public ModelWorkers(String name, List<EmbeddingModel> instances, BatchPolicy policy, MeterRegistry registry) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " needs at least one instance");
        }
        this.name = name;
        this.policy = policy;
        this.instances = List.copyOf(instances);
        this.queue = new ArrayBlockingQueue<>(policy.queue());
        this.metrics = new ServeMetrics(registry, name, queue);
        for (int i = 0; i < instances.size(); i++) {
            EmbeddingModel model = instances.get(i);
            Thread t = new Thread(() -> loop(model), "neurofm-" + name + "-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    public ServeMetrics metrics() {
        return metrics;
    }

    /** Requests waiting now. */
    public int queued() {
        return queue.size();
    }

    /**
     * Queues prepared windows; the future completes with one row per window, in order.
     *
     * @throws QueueFullException when {@code queue} requests are already waiting
     */
    public CompletableFuture<float[][]> submit(List<PreparedWindow> windows, String pooling) {
        if (closed) {
            throw new QueueFullException(name, policy.queue());
        }
        Job job = new Job(windows, pooling);
        if (!queue.offer(job)) {
            metrics.rejectedFull();
            throw new QueueFullException(name, policy.queue());
        }
        return job.result();
    }

    private void loop(EmbeddingModel model) {
        while (!closed) {
            List<Job> batch;
            try {
                batch = take();
            } catch (InterruptedException e) {
                break;
            }
            run(model, batch);
        }
    }

    private List<Job> take() throws InterruptedException {
        Job first = queue.take();
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        if (!policy.batching()) {
            return batch;
        }
        int windows = first.windows().size();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(policy.maxDelayMs());
        while (windows < policy.batchSize()) {
            long left = deadline - System.nanoTime();
            Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
            windows += next.windows().size();
        }
        return batch;
    }

    private void run(EmbeddingModel model, List<Job> batch) {
        long now = System.nanoTime();
        Map<String, List<Job>> byPooling = new LinkedHashMap<>();
        for (Job job : batch) {
            if (job.result().isDone()) {
                continue;   // timed out (cancelled) while queued
            }
            metrics.queued(now - job.enqueuedNanos());
            byPooling.computeIfAbsent(job.pooling(), p -> new ArrayList<>()).add(job);
        }
        for (Map.Entry<String, List<Job>> e : byPooling.entrySet()) {
            List<Job> jobs = e.getValue();
            try {
                complete(jobs, embed(model, jobs, e.getKey()));
            } catch (InvalidInputException ex) {
                if (jobs.size() == 1) {
                    jobs.get(0).result().completeExceptionally(ex);
                } else {
                    // One request's bad input must not fail the others batched with it.
                    for (Job job : jobs) {
                        runAlone(model, job);
                    }
                }
            } catch (RuntimeException | Error ex) {
                LOG.error("model {}: a forward pass failed", name, ex);
                jobs.forEach(j -> j.result().completeExceptionally(ex));
            }
        }
    }

    private void runAlone(EmbeddingModel model, Job job) {
        try {
            complete(List.of(job), embed(model, List.of(job), job.pooling()));
        } catch (RuntimeException ex) {
            job.result().completeExceptionally(ex);
        }
    }

    /** All windows of the jobs, embedded in passes of at most batchSize windows. */
    private float[][] embed(EmbeddingModel model, List<Job> jobs, String pooling) {
        List<PreparedWindow> all = new ArrayList<>();
        jobs.forEach(j -> all.addAll(j.windows()));
        float[][] out = new float[all.size()][];
        int step = policy.batching() ? policy.batchSize() : all.size();
        for (int from = 0; from < all.size(); from += step) {
            int to = Math.min(all.size(), from + step);
            long start = System.nanoTime();
            float[][] rows = model.embed(all.subList(from, to), pooling);
            metrics.batch(to - from, System.nanoTime() - start);
            System.arraycopy(rows, 0, out, from, rows.length);
        }
        return out;
    }

    private static void complete(List<Job> jobs, float[][] rows) {
        int at = 0;
        for (Job job : jobs) {
            int n = job.windows().size();
            float[][] mine = new float[n][];
            System.arraycopy(rows, at, mine, 0, n);
            at += n;
            job.result().complete(mine);
        }
    }

    /** Stops the workers, fails what is still queued and frees every instance. */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Job job; (job = queue.poll()) != null;) {
            job.result().completeExceptionally(new CancellationException("the server is shutting down"));
        }
        instances.forEach(EmbeddingModel::close);
    }
}

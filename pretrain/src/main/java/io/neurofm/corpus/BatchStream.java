package io.neurofm.corpus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endless stream of batches over epochs 0, 1, 2, ... of one split. Epoch e's order is
 * {@link EpochPlan#of}(split, options, e), so it depends only on the seed and e; {@link #position()}
 * names the next batch, and a stream opened at a saved position continues exactly where the saved
 * one stood. Up to {@code prefetch} batches are assembled ahead on a small pool and handed out in
 * order; an exception thrown while assembling one reaches the consumer from {@link #next()}.
 * Not thread-safe: one consumer per stream.
 */
public final class BatchStream implements AutoCloseable {
    /** Assembles one batch; replaced in tests to inject failures. */
    interface Assembler {
        Batch assemble(CorpusSplit split, long epoch, long index, long[] windows) throws IOException;
    }

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private final CorpusSplit split;
    private final BatchOptions options;
    private final Assembler assembler;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private final int batchesPerEpoch;
    private EpochPlan plan;
    private LoaderPosition next;
    private LoaderPosition submitted;
    private boolean closed;

    BatchStream(CorpusSplit split, BatchOptions options, LoaderPosition start) {
        this(split, options, start, BatchStream::assemble);
    }

    BatchStream(CorpusSplit split, BatchOptions options, LoaderPosition start, Assembler assembler) {
        this.split = split;
        this.options = options;
        this.assembler = assembler;
        this.plan = EpochPlan.of(split, options, start.epoch());
        this.batchesPerEpoch = plan.batches().size();
        if (batchesPerEpoch == 0) {
            throw new IllegalArgumentException("split " + split.name() + " has " + split.windowCount()
                    + " windows: no batch of " + options.batchSize() + (options.dropLast() ? " (dropLast)" : ""));
        }
        if (start.index() > batchesPerEpoch) {
            throw new IllegalArgumentException("position " + start + " is past the " + batchesPerEpoch
                    + " batches of an epoch of split " + split.name());
        }
        this.next = normalise(start);
        this.submitted = next;
        int id = STREAMS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "corpus-prefetch-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private LoaderPosition normalise(LoaderPosition p) {
        return p.index() == batchesPerEpoch ? new LoaderPosition(p.epoch() + 1, 0) : p;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The position of the batch {@link #next()} returns next; save it to resume. */
    public LoaderPosition position() {
        return next;
    }

    public Batch next() throws IOException {
        if (closed) {
            throw new IllegalStateException("the batch stream is closed");
        }
        fill();
        Future<Batch> head = pending.poll();
        Batch batch;
        try {
            batch = head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for batch " + next);
        } catch (CancellationException e) {
            throw new IllegalStateException("the batch stream was closed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException("batch " + next + " of split " + split.name() + ": " + io.getMessage(), io);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
        next = normalise(new LoaderPosition(batch.epoch(), batch.index() + 1));
        fill();
        return batch;
    }

    private void fill() {
        while (pending.size() < options.prefetch()) {
            if (plan.epoch() != submitted.epoch()) {
                plan = EpochPlan.of(split, options, submitted.epoch());
            }
            long epoch = submitted.epoch();
            long index = submitted.index();
            long[] windows = plan.batches().get((int) index);
            pending.add(pool.submit(() -> assembler.assemble(split, epoch, index, windows)));
            submitted = normalise(new LoaderPosition(epoch, index + 1));
        }
    }

    /** Stops the prefetch threads; batches not yet taken are dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the windows out of their mapped shards into one batch. */
    static Batch assemble(CorpusSplit split, long epoch, long index, long[] windows) {
        ShardShape shape = split.shardOf(windows[0]).shape();
        int n = windows.length;
        int values = (int) shape.values();
        int cells = shape.rows() * shape.steps();
        int[] ids = shape.discrete() ? new int[n * values] : null;
        float[] vectors = shape.discrete() ? null : new float[n * values];
        boolean anyMask = false;
        for (long w : windows) {
            anyMask |= split.shardOf(w).hasMask();
        }
        boolean[] valid = anyMask ? new boolean[n * cells] : null;
        int[] sources = new int[n];
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            ShardReader shard = split.shardOf(windows[i]);
            int local = split.localIndex(windows[i]);
            if (ids != null) {
                shard.readIds(local, ids, i * values);
            } else {
                shard.readVectors(local, vectors, i * values);
            }
            if (valid != null) {
                shard.readMask(local, valid, i * cells);
            }
            ShardReader.WindowInfo info = shard.info(local);
            sources[i] = info.source();
            starts[i] = info.startSample();
        }
        int[] dims = shape.dims();
        int[] batchShape = new int[dims.length + 1];
        batchShape[0] = n;
        System.arraycopy(dims, 0, batchShape, 1, dims.length);
        return new Batch(epoch, index, batchShape, ids, vectors, valid, windows.clone(), sources, starts);
    }
}

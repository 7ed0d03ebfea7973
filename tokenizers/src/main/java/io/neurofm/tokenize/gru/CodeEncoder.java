package io.neurofm.tokenize.gru;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.neurofm.tokenize.TokenizerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the trained encoder over z-scored single-channel sequences and returns the winning
 * network code per sample, overlap-and-stitch ({@link StitchPlan}). Windows from all channels
 * are batched together; a short last window is zero-padded at its end, which cannot change
 * its kept codes because the GRU is causal.
 */
final class CodeEncoder {
    /** Samples per forward batch: large enough to keep the GEMMs busy, small enough to stay in cache. */
    private static final int BATCH_SAMPLES = 32_768;
    /** Windows run in lockstep by one thread of the Java encoder: scratch stays in L1/L2. */
    private static final int BLOCK = 16;

    private CodeEncoder() {
    }

    /**
     * Encodes with {@link FusedGruEncoder} on a fixed number of threads (the property
     * {@code neurofm.gru.encodeThreads}, default: available processors).
     *
     * @param allowed which network codes may win (the live vocabulary), or null for all
     * @return the winning code index per sequence and sample
     */
    static int[][] encode(GruConfig config, Map<String, TokenizerState.Tensor> weights, List<float[]> sequences,
                          boolean[] allowed) {
        return encode(config, weights, sequences, allowed,
                Integer.getInteger("neurofm.gru.encodeThreads", Runtime.getRuntime().availableProcessors()));
    }

    static int[][] encode(GruConfig config, Map<String, TokenizerState.Tensor> weights, List<float[]> sequences,
                          boolean[] allowed, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("encode threads must be >= 1, got " + threads);
        }
        FusedGruEncoder encoder = new FusedGruEncoder(config, weights, allowed);
        List<int[]> jobs = jobs(config, sequences);
        int[][] codes = new int[sequences.size()][];
        for (int s = 0; s < sequences.size(); s++) {
            codes[s] = new int[sequences.get(s).length];
        }
        int blocks = (jobs.size() + BLOCK - 1) / BLOCK;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            FusedGruEncoder.Block block = encoder.block(BLOCK);
            for (int i = next.getAndIncrement(); i < blocks; i = next.getAndIncrement()) {
                List<int[]> chunk = jobs.subList(i * BLOCK, Math.min(jobs.size(), (i + 1) * BLOCK));
                int window = chunk.stream().mapToInt(j -> j[2]).max().orElseThrow();
                float[] x = new float[chunk.size() * window];
                for (int b = 0; b < chunk.size(); b++) {
                    int[] j = chunk.get(b);
                    System.arraycopy(sequences.get(j[0]), j[1], x, b * window, j[2]);
                }
                int[] winners = new int[chunk.size() * window];
                encoder.encode(block, x, chunk.size(), window, winners);
                for (int b = 0; b < chunk.size(); b++) {
                    int[] j = chunk.get(b);
                    System.arraycopy(winners, b * window + j[3], codes[j[0]], j[1] + j[3], j[2] - j[3]);
                }
            }
        };
        int n = Math.min(threads, blocks);
        if (n <= 1) {
            worker.run();
            return codes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "gru-encode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return codes;
    }

    /** (sequence, start, length, keepFrom) of every encode window. */
    private static List<int[]> jobs(GruConfig config, List<float[]> sequences) {
        List<int[]> jobs = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            for (StitchPlan.Window w : StitchPlan.of(sequences.get(s).length, config.encodeWindow(),
                    config.encodeContext())) {
                jobs.add(new int[] {s, w.start(), w.length(), w.keepFrom()});
            }
        }
        return jobs;
    }

    /**
     * The former encoder, kept as the reference the Java encoder is tested against: the codec's own
     * libtorch forward pass (at::gru) over batches of windows.
     */
    static int[][] encodeWithLibtorch(GruConfig config, Map<String, TokenizerState.Tensor> weights,
                                      List<float[]> sequences, boolean[] allowed) {
        List<int[]> jobs = jobs(config, sequences);
        int[][] codes = new int[sequences.size()][];
        for (int s = 0; s < sequences.size(); s++) {
            codes[s] = new int[sequences.get(s).length];
        }
        if (jobs.isEmpty()) {
            return codes;
        }
        int window = jobs.stream().mapToInt(j -> j[2]).max().orElseThrow();
        int batch = Math.max(1, BATCH_SAMPLES / window);
        try (NDManager manager = NDManager.newBaseManager()) {
            GruCodec codec = GruCodec.of(config).initialized(manager);
            Weights.load(codec, weights);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray mask = mask(manager, allowed, config.vocabulary());
            for (int from = 0; from < jobs.size(); from += batch) {
                List<int[]> chunk = jobs.subList(from, Math.min(jobs.size(), from + batch));
                float[] x = new float[chunk.size() * window];
                for (int b = 0; b < chunk.size(); b++) {
                    int[] j = chunk.get(b);
                    System.arraycopy(sequences.get(j[0]), j[1], x, b * window, j[2]);
                }
                long[] winners;
                try (NDManager scope = manager.newSubManager()) {
                    NDArray logits = codec.logits(store, scope.create(x, new Shape(chunk.size(), window, 1)), false);
                    if (mask != null) {
                        logits = logits.add(mask);
                    }
                    winners = logits.argMax(-1).toLongArray();
                }
                for (int b = 0; b < chunk.size(); b++) {
                    int[] j = chunk.get(b);
                    for (int t = j[3]; t < j[2]; t++) {
                        codes[j[0]][j[1] + t] = (int) winners[b * window + t];
                    }
                }
            }
        }
        return codes;
    }

    private static NDArray mask(NDManager manager, boolean[] allowed, int codes) {
        if (allowed == null) {
            return null;
        }
        float[] m = new float[codes];
        for (int i = 0; i < codes; i++) {
            m[i] = allowed[i] ? 0f : Float.NEGATIVE_INFINITY;
        }
        return manager.create(m);
    }
}

package io.neurofm.spark;

import ai.djl.Device;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The models of one executor JVM, kept between tasks. {@link EmbeddingModel} is not thread-safe and
 * an executor runs as many tasks at once as it has cores, so a task borrows an idle instance (loading
 * one only when none is idle) and hands it back when its partition is done: an executor loads at most
 * one instance per concurrently running task, each once, however many partitions it runs. Idle
 * instances are closed when the JVM shuts down.
 */
final class ExecutorModels {
    /** Which model: a registry folder, a pinned NAME:VERSION and a DJL device name (null = the engine's default). */
    record Key(String registry, String reference, String device) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static final Map<Key, Deque<EmbeddingModel>> IDLE = new HashMap<>();
    private static final Map<Key, Integer> LOADS = new HashMap<>();
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeIdle, "neurofm-executor-models"));
    }

    private ExecutorModels() {
    }

    /** A model for the calling task; close the lease to hand it back. */
    static Lease borrow(Key key) throws IOException {
        synchronized (IDLE) {
            Deque<EmbeddingModel> idle = IDLE.get(key);
            if (idle != null && !idle.isEmpty()) {
                return new Lease(key, idle.pop());
            }
        }
        Device device = key.device() == null ? null : Device.fromName(key.device());
        EmbeddingModel model = EmbeddingModels.load(new ModelRegistry(Path.of(key.registry())), key.reference(), device);
        synchronized (IDLE) {
            LOADS.merge(key, 1, Integer::sum);
        }
        return new Lease(key, model);
    }

    /** How many times this JVM has loaded the model (each instance once). */
    static int loads(Key key) {
        synchronized (IDLE) {
            return LOADS.getOrDefault(key, 0);
        }
    }

    private static void closeIdle() {
        List<EmbeddingModel> models = new ArrayList<>();
        synchronized (IDLE) {
            shuttingDown = true;
            IDLE.values().forEach(models::addAll);
            IDLE.clear();
        }
        models.forEach(EmbeddingModel::close);
    }

    /** One borrowed instance, for one task at a time. */
    static final class Lease implements AutoCloseable {
        private final Key key;
        private EmbeddingModel model;

        private Lease(Key key, EmbeddingModel model) {
            this.key = key;
            this.model = model;
        }

        EmbeddingModel model() {
            if (model == null) {
                throw new IllegalStateException("the model was handed back");
            }
            return model;
        }

        @Override
        public void close() {
            if (model == null) {
                return;
            }
            EmbeddingModel back = model;
            model = null;
            synchronized (IDLE) {
                if (!shuttingDown) {
                    IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).push(back);
                    return;
                }
            }
            back.close();
        }
    }
}

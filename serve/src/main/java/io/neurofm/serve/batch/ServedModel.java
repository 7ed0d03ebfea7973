package io.neurofm.serve.batch;

import io.neurofm.artifact.DecodingHead;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.InvalidInputException;
import io.neurofm.inference.ModelDescription;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.inference.SignalWindow;
import io.neurofm.signal.Recording;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One served model: its description, its decoding heads, and its workers. Preparation (the
 * artifact's preprocessing) runs on the request thread through the first instance: in both
 * families {@code prepare}/{@code windows} read only immutable state (the preprocessing spec, the
 * channel table), unlike {@code embed}, which only workers call.
 */
public final class ServedModel implements AutoCloseable {
    private final String name;
    private final String version;
    private final EmbeddingModel preparer;
    private final ModelWorkers workers;
    private final Map<String, DecodingHead> heads;

    public ServedModel(String name, String version, EmbeddingModel preparer, ModelWorkers workers,
            Map<String, DecodingHead> heads) {
        this.name = name;
        this.version = version;
        this.preparer = preparer;
        this.workers = workers;
        this.heads = Collections.unmodifiableMap(new LinkedHashMap<>(heads));
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public ModelDescription description() {
        return preparer.description();
    }

    /** The decoding heads by name, in the artifact's order. */
    public Map<String, DecodingHead> heads() {
        return heads;
    }

    public ModelWorkers workers() {
        return workers;
    }

    /** The pooling name the model will use (its default when null), or a 422 naming {@code field}. */
    public String pooling(String requested, String field) {
        List<String> accepted = description().poolings();
        if (requested == null) {
            return accepted.get(0);
        }
        String p = requested.toLowerCase(Locale.ROOT);
        if (!accepted.contains(p)) {
            throw new InvalidInputException(field, "'" + requested + "' is not a pooling of " + name
                    + "; expected one of " + accepted);
        }
        return p;
    }

    public PreparedWindow prepare(SignalWindow window) {
        return preparer.prepare(window);
    }

    public List<PreparedWindow> windows(Recording recording, int strideSamples) {
        return preparer.windows(recording, strideSamples);
    }

    public CompletableFuture<float[][]> submit(List<PreparedWindow> windows, String pooling) {
        return workers.submit(windows, pooling);
    }

    @Override
    public void close() {
        workers.close();
    }
}

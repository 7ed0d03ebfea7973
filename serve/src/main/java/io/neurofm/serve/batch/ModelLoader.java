package io.neurofm.serve.batch;

import io.neurofm.artifact.Artifact;
import io.neurofm.inference.EmbeddingModel;
import java.io.IOException;

/**
 * Turns an opened, verified artifact into one {@link EmbeddingModel} instance. The service's bean
 * calls {@code EmbeddingModels.load}; tests may wrap it (e.g. to slow the model down).
 */
@FunctionalInterface
public interface ModelLoader {
    EmbeddingModel load(Artifact artifact, String reference) throws IOException;
}

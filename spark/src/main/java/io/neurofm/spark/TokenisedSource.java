package io.neurofm.spark;

import io.neurofm.corpus.CorpusBuilder;
import io.neurofm.corpus.EncodedWindow;
import java.io.Serializable;
import java.util.List;

/** One source tokenised on an executor: its windows in order and its manifest entry. */
record TokenisedSource(CorpusBuilder.SourceSummary summary, List<EncodedWindow> windows) implements Serializable {
    private static final long serialVersionUID = 1L;
}

package io.neurofm.spark;

import io.neurofm.corpus.CorpusBuilder;
import io.neurofm.corpus.CorpusPlan;
import io.neurofm.corpus.CorpusSpec;
import io.neurofm.corpus.EncodedWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The task of {@link TokeniseCorpusJob}: plans the corpus once per partition (reads the spec and
 * the tokenizer, lists the sources: every executor computes the same plan as the driver) and
 * tokenises the partition's sources one after the other with {@link CorpusBuilder#tokenise}.
 */
final class TokeniseSources implements FlatMapFunction<Iterator<Integer>, TokenisedSource> {
    private static final long serialVersionUID = 1L;

    private final String specFile;

    TokeniseSources(String specFile) {
        this.specFile = specFile;
    }

    @Override
    public Iterator<TokenisedSource> call(Iterator<Integer> indices) throws IOException {
        Path spec = Path.of(specFile);
        CorpusPlan plan = CorpusPlan.of(CorpusSpec.read(spec), spec.getParent());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indices.hasNext();
            }

            @Override
            public TokenisedSource next() {
                int index = indices.next();
                List<EncodedWindow> windows = new ArrayList<>();
                try {
                    CorpusBuilder.SourceSummary summary = CorpusBuilder.tokenise(plan, index, windows::add);
                    return new TokenisedSource(summary, windows);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}

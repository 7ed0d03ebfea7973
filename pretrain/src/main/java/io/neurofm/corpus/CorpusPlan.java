package io.neurofm.corpus;

import io.neurofm.load.LoadSpec;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a corpus build decides before reading a sample: the loaded tokenizer, the recordings
 * in manifest order and which split each goes to. It is a pure function of the spec, its base
 * folder and the files, so every machine that builds part of a corpus computes the same plan.
 */
public final class CorpusPlan {
    final CorpusSpec spec;
    final Path tokenizerFile;
    final Tokenizer tokenizer;
    final List<CorpusSource> sources;
    final SplitPlan split;
    final LoadSpec loadSpec;

    private CorpusPlan(CorpusSpec spec, Path tokenizerFile, Tokenizer tokenizer, List<CorpusSource> sources,
                       SplitPlan split, LoadSpec loadSpec) {
        this.spec = spec;
        this.tokenizerFile = tokenizerFile;
        this.tokenizer = tokenizer;
        this.sources = sources;
        this.split = split;
        this.loadSpec = loadSpec;
    }

    /** @param base folder the spec's relative paths are resolved against */
    public static CorpusPlan of(CorpusSpec spec, Path base) throws IOException {
        Path tokenizerFile = base.resolve(spec.tokenizer()).toAbsolutePath().normalize();
        Tokenizer tokenizer = TokenizerFiles.load(tokenizerFile);
        List<CorpusSource> sources = CorpusSources.resolve(spec, base);
        SplitPlan split = SplitPlan.of(sources, spec.unit(), spec.validationFraction(), spec.seed());
        return new CorpusPlan(spec, tokenizerFile, tokenizer, List.copyOf(sources), split,
                spec.read().toLoadSpec(base));
    }

    /** The recordings in manifest order (a source's index is its position here). */
    public List<CorpusSource> sources() {
        return sources;
    }

    /** {@code train} or {@code validation}. */
    public String splitOf(int source) {
        return split.splitOf(source);
    }
}

package io.neurofm.corpus;

import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.bids.BidsDataset;
import io.neurofm.signal.bids.BidsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The spec's recordings in a fixed order: explicit inputs as listed, then each BIDS dataset's
 * recordings sorted by path. Ids come from the spec when it gives them, else from the BIDS path
 * (for files inside a dataset), else they stay unknown. A file listed twice is refused: its windows
 * would be counted twice and could land on both sides of the split.
 */
final class CorpusSources {
    private CorpusSources() {
    }

    static List<CorpusSource> resolve(CorpusSpec spec, Path base) throws IOException {
        List<CorpusSource> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (CorpusSpec.Input input : spec.inputs()) {
            Path file = base.resolve(input.path()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new SignalException(file, "corpus input not found (spec path '" + input.path() + "')");
            }
            Optional<BidsFile> bids = BidsDataset.locate(file);
            RecordingIds ids = bids.map(BidsFile::ids).orElse(RecordingIds.NONE);
            if (input.subject() != null) {
                ids = ids.withSubject(input.subject());
            }
            if (input.session() != null) {
                ids = ids.withSession(input.session());
            }
            add(out, seen, input.path(), file, ids);
        }
        for (CorpusSpec.Bids entry : spec.bids()) {
            BidsDataset dataset = BidsDataset.scan(base.resolve(entry.root()));
            String rootName = dataset.root().getFileName() == null ? entry.root()
                    : dataset.root().getFileName().toString();
            for (BidsFile f : dataset.recordings()) {
                if (entry.suffixes().contains(f.suffix())) {
                    add(out, seen, rootName + "/" + f.relativePath(), f.path(), f.ids());
                }
            }
        }
        if (out.isEmpty()) {
            throw new SignalException(null, "the corpus spec's inputs and BIDS datasets hold no recordings");
        }
        return out;
    }

    private static void add(List<CorpusSource> out, Set<Path> seen, String label, Path file, RecordingIds ids)
            throws SignalException {
        if (!seen.add(file)) {
            throw new SignalException(file, "listed twice in the corpus spec (as '" + label + "')");
        }
        out.add(new CorpusSource(out.size(), label, file, ids));
    }
}

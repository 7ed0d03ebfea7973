package io.neurofm.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokenising sources separately (as Spark tasks do) and assembling them in index order gives the
 * single-process build byte for byte; assembling out of order is refused rather than written.
 */
class CorpusAssemblerTest {
    @TempDir
    Path tmp;

    @Test
    void sourcesTokenisedApartAndAssembledInOrderGiveTheBuildsBytes() throws IOException {
        CorpusFixture fixture = CorpusFixture.create(tmp);
        fixture.build("built");
        CorpusPlan plan = CorpusPlan.of(fixture.spec, fixture.root);
        // Tokenised in reverse order, as independent tasks could finish.
        List<List<EncodedWindow>> windows = new ArrayList<>();
        List<CorpusBuilder.SourceSummary> summaries = new ArrayList<>();
        for (int i = 0; i < plan.sources().size(); i++) {
            windows.add(null);
            summaries.add(null);
        }
        for (int i = plan.sources().size() - 1; i >= 0; i--) {
            List<EncodedWindow> list = new ArrayList<>();
            summaries.set(i, CorpusBuilder.tokenise(plan, i, list::add));
            windows.set(i, list);
        }
        CorpusAssembler assembler = CorpusAssembler.create(plan, tmp.resolve("assembled"));
        for (int i = 0; i < summaries.size(); i++) {
            for (EncodedWindow w : windows.get(i)) {
                assembler.add(w);
            }
            assembler.endSource(summaries.get(i));
        }
        assembler.finish();
        List<Path> files = files(tmp.resolve("built"));
        assertEquals(files, files(tmp.resolve("assembled")));
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("built").resolve(f)),
                    Files.readAllBytes(tmp.resolve("assembled").resolve(f)), f.toString());
        }
    }

    @Test
    void aSourceOutOfOrderIsRefused() throws IOException {
        CorpusFixture fixture = CorpusFixture.create(tmp);
        CorpusPlan plan = CorpusPlan.of(fixture.spec, fixture.root);
        List<EncodedWindow> second = new ArrayList<>();
        CorpusBuilder.SourceSummary summary = CorpusBuilder.tokenise(plan, 1, second::add);
        CorpusAssembler assembler = CorpusAssembler.create(plan, tmp.resolve("out"));
        assertThrows(IllegalStateException.class, () -> assembler.add(second.get(0)));
        assertThrows(IllegalStateException.class, () -> assembler.endSource(summary));
        assertThrows(IllegalStateException.class, assembler::finish);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}

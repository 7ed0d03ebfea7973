package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.io.npy.Npz;
import io.neurofm.signal.io.npy.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFilesTest {
    @Test
    void idsAndMaskedVectorsReadBackUnchanged(@TempDir Path dir) throws Exception {
        Recording held = TokenizeFixtures.slice(TokenizeFixtures.heldOut(), 0, 1000);
        Tokens ids = MuLawTokenizer.fit(List.of(TokenizeFixtures.training())).encode(held);
        Path a = dir.resolve("ids.npz");
        TokenFiles.write(ids, "mulaw", a);
        TokenizeFixtures.assertSameTokens(ids, TokenFiles.read(a));
        assertEquals("mulaw", TokenFiles.tokenizerType(a));
        Map<String, NpyArray> arrays = Npz.read(a);
        assertEquals(List.of("ids", "valid"), List.copyOf(arrays.keySet()));

        Recording rois = Readers.read(TestData.file("fmri/fmri_timeseries.csv"), OpenOptions.withRepetitionTime(1.89));
        Tokens vectors = FmriTokenizer.fit(List.of(rois), 35.28).encode(rois);
        Path b = dir.resolve("vectors.npz");
        TokenFiles.write(vectors, "fmri", b);
        Tokens back = TokenFiles.read(b);
        TokenizeFixtures.assertSameTokens(vectors, back);
        assertEquals(14, back.steps());
        assertEquals(false, back.isValid(0, 13));
    }

    @Test
    void aSidecarThatDisagreesWithTheArraysIsRefused(@TempDir Path dir) throws Exception {
        Recording held = TokenizeFixtures.slice(TokenizeFixtures.heldOut(), 0, 100);
        Path file = dir.resolve("t.npz");
        TokenFiles.write(MuLawTokenizer.fit(List.of(TokenizeFixtures.training())).encode(held), "mulaw", file);
        Path sidecar = TokenFiles.sidecar(file);
        String json = Files.readString(sidecar);
        Files.writeString(sidecar, json.replace("\"F8-T4\"", "\"F8-T4\", \"extra\""));
        assertEquals("ids", assertThrows(SignalFormatException.class, () -> TokenFiles.read(file)).field());
        Files.writeString(sidecar, "{not json");
        assertEquals("sidecar", assertThrows(SignalFormatException.class, () -> TokenFiles.read(file)).field());
        Files.delete(sidecar);
        assertEquals("sidecar", assertThrows(SignalFormatException.class, () -> TokenFiles.read(file)).field());
    }
}

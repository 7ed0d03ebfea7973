package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Damaged state files give a SignalFormatException naming the field, never another exception. */
class TokenizerStateErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TokenizerState mulaw;
    private static TokenizerState quantile;
    private static TokenizerState patch;

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() throws Exception {
        mulaw = MuLawTokenizer.fit(List.of(TokenizeFixtures.training())).state();
        quantile = QuantileTokenizer.fit(List.of(TokenizeFixtures.training()), 8).state();
        patch = PatchTokenizer.fit(List.of(TokenizeFixtures.training()), PatchTokenizer.Options.LABRAM).state();
    }

    private SignalFormatException loadBroken(TokenizerState state, UnaryOperator<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("t.json");
        TokenizerFiles.save(state, file);
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file));
        Files.writeString(file, JSON.writeValueAsString(edit.apply(root)));
        return assertThrows(SignalFormatException.class, () -> TokenizerFiles.load(file));
    }

    private static ObjectNode config(ObjectNode root) {
        return (ObjectNode) root.get("config");
    }

    @Test
    void anotherFormatVersionOrAnUnknownTypeIsNamed() throws Exception {
        SignalFormatException version = loadBroken(mulaw, r -> r.put("version", 99));
        assertEquals("version", version.field());
        assertTrue(version.getMessage().contains("99"), version.getMessage());
        SignalFormatException type = loadBroken(mulaw, r -> r.put("type", "wavelet"));
        assertEquals("type", type.field());
        assertTrue(type.getMessage().contains("mulaw") && type.getMessage().contains("wavelet"), type.getMessage());
    }

    @Test
    void badConfigFieldsAreNamed() throws Exception {
        assertEquals("config.scale", loadBroken(mulaw, r -> {
            config(r).withArray("scale").remove(0);
            return r;
        }).field());
        assertEquals("config.sampling_rate", loadBroken(mulaw, r -> {
            config(r).put("sampling_rate", -256);
            return r;
        }).field());
        assertEquals("config.mu", loadBroken(mulaw, r -> {
            config(r).put("mu", 127);
            return r;
        }).field());
        assertEquals("config.channel_types", loadBroken(mulaw, r -> {
            config(r).withArray("channel_types").set(0, "EEGG");
            return r;
        }).field());
        assertEquals("config.std", loadBroken(quantile, r -> {
            config(r).withArray("std").set(1, 0.0);
            return r;
        }).field());
        assertEquals("config.scaling", loadBroken(patch, r -> {
            config(r).put("scaling", "whiten");
            return r;
        }).field());
        assertEquals("config.patch_samples", loadBroken(patch, r -> {
            config(r).remove("patch_samples");
            return r;
        }).field());
        assertEquals("config", loadBroken(mulaw, r -> {
            r.put("config", "none");
            return r;
        }).field());
    }

    @Test
    void missingTensorsAreNamed() throws Exception {
        Path file = dir.resolve("q.json");
        TokenizerFiles.save(quantile, file);
        Files.delete(TokenizerFiles.tensorFile(file));
        assertEquals("tensors", assertThrows(SignalFormatException.class, () -> TokenizerFiles.load(file)).field());

        Map<String, TokenizerState.Tensor> onlyEdges = new LinkedHashMap<>(quantile.tensors());
        onlyEdges.remove("centres");
        TokenizerFiles.save(new TokenizerState("quantile", quantile.config(), onlyEdges), file);
        SignalFormatException missing = assertThrows(SignalFormatException.class, () -> TokenizerFiles.load(file));
        assertEquals("tensors.centres", missing.field());
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());

        Map<String, TokenizerState.Tensor> shortEdges = new LinkedHashMap<>(quantile.tensors());
        shortEdges.put("edges", TokenizerState.Tensor.vector(new float[] {0, 1, 2}));
        TokenizerFiles.save(new TokenizerState("quantile", quantile.config(), shortEdges), file);
        assertEquals("tensors.edges", assertThrows(SignalFormatException.class, () -> TokenizerFiles.load(file))
                .field());
    }
}

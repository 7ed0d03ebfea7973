package io.neurofm.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CorpusBuilderTest {
    @TempDir
    static Path tmp;
    static CorpusFixture fixture;
    static CorpusBuilder.Result result;
    static Path corpus;

    @BeforeAll
    static void build() throws IOException {
        fixture = CorpusFixture.create(tmp);
        result = fixture.build("corpus");
        corpus = tmp.resolve("corpus");
    }

    private static JsonNode manifest() throws IOException {
        return CorpusSpec.JSON.readTree(Files.readString(corpus.resolve(CorpusBuilder.MANIFEST)));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void windowCountsFollowTheFormulaPerRecording() throws IOException {
        JsonNode sources = manifest().get("sources");
        List<Path> files = CorpusFixture.BidsFiles.all(fixture.bids);
        assertEquals(files.size(), sources.size());
        long[] perSplit = new long[2];
        for (int i = 0; i < files.size(); i++) {
            int n = CorpusFixture.load(files.get(i)).sampleCount();
            long expected = n < CorpusFixture.WINDOW ? 0 : (n - CorpusFixture.WINDOW) / CorpusFixture.STRIDE + 1;
            JsonNode s = sources.get(i);
            assertEquals(n, s.get("samples").asLong(), s.get("path").asString());
            assertEquals(expected, s.get("windows").asLong(), s.get("path").asString());
            assertTrue(expected > 0);
            perSplit[s.get("split").asString().equals("train") ? 0 : 1] += expected;
        }
        assertEquals(perSplit[0], result.trainWindows());
        assertEquals(perSplit[1], result.validationWindows());
        CorpusLoader loader = CorpusLoader.open(corpus, Verification.FULL);
        assertEquals(perSplit[0], loader.split("train").windowCount());
        assertEquals(perSplit[1], loader.split("validation").windowCount());
        // Small target size: several shards, and the 64-channel windows (64 KiB each) never share one with 5-channel ones.
        assertTrue(result.shards() > 4, "shards: " + result.shards());
    }

    @Test
    void shardContentsEqualDirectTokenisationOfTheSameWindows() throws IOException {
        Tokenizer tokenizer = TokenizerFiles.load(fixture.tokenizer);
        List<Path> files = CorpusFixture.BidsFiles.all(fixture.bids);
        Map<Integer, Recording> recordings = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            recordings.put(i, CorpusFixture.load(files.get(i)));
        }
        CorpusLoader loader = CorpusLoader.open(corpus, Verification.FULL);
        Map<Integer, Set<Integer>> seen = new TreeMap<>();
        for (String name : List.of("train", "validation")) {
            CorpusSplit split = loader.split(name);
            for (long w = 0; w < split.windowCount(); w++) {
                ShardReader.WindowInfo info = split.info(w);
                Recording r = recordings.get(info.source());
                assertEquals((long) info.windowInSource() * CorpusFixture.STRIDE, info.startSample());
                assertEquals(info.startSample() / CorpusFixture.RATE, info.startSeconds(), 1e-12);
                float[][] slice = new float[r.channelCount()][];
                for (int c = 0; c < slice.length; c++) {
                    slice[c] = java.util.Arrays.copyOfRange(r.channelData(c), (int) info.startSample(),
                            (int) info.startSample() + CorpusFixture.WINDOW);
                }
                int[][] expected = tokenizer.encode(new Recording(r.channels(), slice, r.samplingRate(), List.of(),
                        r.ids(), null, 0, List.of())).ids();
                int[] got = split.ids(w);
                assertEquals(r.channelCount() * CorpusFixture.WINDOW, got.length);
                for (int c = 0; c < expected.length; c++) {
                    assertArrayEquals(expected[c], java.util.Arrays.copyOfRange(got, c * CorpusFixture.WINDOW,
                            (c + 1) * CorpusFixture.WINDOW), "window " + w + " row " + c);
                }
                assertTrue(seen.computeIfAbsent(info.source(), k -> new HashSet<>()).add(info.windowInSource()));
            }
        }
        JsonNode sources = manifest().get("sources");
        for (JsonNode s : sources) {
            assertEquals(s.get("windows").asInt(), seen.get(s.get("index").asInt()).size());
        }
    }

    @Test
    void manifestHashesAreTheFilesHashes() throws Exception {
        JsonNode m = manifest();
        for (JsonNode shard : m.get("shards")) {
            Path file = corpus.resolve(shard.get("file").asString());
            assertEquals(sha256(file), shard.get("sha256").asString());
            assertEquals(Files.size(file), shard.get("bytes").asLong());
        }
        List<Path> files = CorpusFixture.BidsFiles.all(fixture.bids);
        for (int i = 0; i < files.size(); i++) {
            JsonNode hashes = m.get("sources").get(i).get("sha256");
            assertEquals(1, hashes.size());
            assertEquals(sha256(files.get(i)), hashes.get(files.get(i).getFileName().toString()).asString());
        }
        assertEquals(sha256(fixture.tokenizer), m.get("tokenizer").get("sha256").asString());
        assertEquals(sha256(fixture.tokenizer), sha256(corpus.resolve(m.get("tokenizer").get("file").asString())));
        assertEquals("mulaw", m.get("tokenizer").get("type").asString());
        assertEquals(11, m.get("spec").get("seed").asLong());
    }

    @Test
    void noSubjectOnBothSidesOfTheSplit() throws IOException {
        JsonNode m = manifest();
        Set<String> train = new HashSet<>();
        Set<String> validation = new HashSet<>();
        for (JsonNode s : m.get("sources")) {
            (s.get("split").asString().equals("train") ? train : validation).add(s.get("subject").asString());
            assertEquals("sub-" + s.get("subject").asString(), s.get("group").asString());
        }
        assertFalse(train.isEmpty());
        assertFalse(validation.isEmpty());
        assertTrue(java.util.Collections.disjoint(train, validation), train + " / " + validation);
        assertEquals(2, m.get("split").get("validation_groups").size(), "round(0.4 * 4 subjects)");
        assertEquals("subject", m.get("split").get("unit").asString());
        assertEquals(0, m.get("split").get("fallbacks").size());
        // What the loader serves agrees: each split's windows come only from that split's sources.
        CorpusLoader loader = CorpusLoader.open(corpus, Verification.SIZE);
        for (String name : List.of("train", "validation")) {
            CorpusSplit split = loader.split(name);
            for (long w = 0; w < split.windowCount(); w++) {
                String subject = m.get("sources").get(split.info(w).source()).get("subject").asString();
                assertTrue((name.equals("train") ? train : validation).contains(subject));
            }
        }
    }

    @Test
    void sessionSplitKeepsSessionsApartAndRecordsFallbacks() throws IOException {
        Path spare = fixture.root.resolve("spare.edf");
        Files.copy(CorpusFixture.shared("eeg/capslpdb_brux2_100s.edf"), spare);
        CorpusSpec spec = new CorpusSpec(List.of(new CorpusSpec.Input("spare.edf", null, null)),
                fixture.spec.bids(), fixture.spec.read(), null, "mulaw.json", 2.0, 1.5, 0.5, "session", 3L, null);
        CorpusBuilder.build(spec, fixture.root, fixture.root.resolve("by-session"));
        JsonNode m = CorpusSpec.JSON.readTree(Files.readString(fixture.root.resolve("by-session/manifest.json")));
        Map<String, String> sideOfGroup = new HashMap<>();
        List<String> groups = new ArrayList<>();
        for (JsonNode s : m.get("sources")) {
            String group = s.get("group").asString();
            groups.add(group);
            String before = sideOfGroup.putIfAbsent(group, s.get("split").asString());
            assertTrue(before == null || before.equals(s.get("split").asString()), group + " on both sides");
        }
        assertEquals(List.of("recording:spare.edf", "sub-01", "sub-02/ses-a", "sub-02/ses-b", "sub-03", "sub-04"),
                groups);
        List<String> fallbacks = new ArrayList<>();
        m.get("split").get("fallbacks").forEach(f -> fallbacks.add(f.asString()));
        assertEquals(4, fallbacks.size(), fallbacks.toString());
        assertTrue(fallbacks.get(0).startsWith("spare.edf: subject unknown"), fallbacks.get(0));
        assertEquals(3, m.get("split").get("validation_groups").size());
    }

    @Test
    void rebuildingGivesByteIdenticalFiles() throws IOException {
        fixture.build("again");
        Map<String, byte[]> first = contents(corpus);
        Map<String, byte[]> second = contents(tmp.resolve("again"));
        assertEquals(first.keySet(), second.keySet());
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), second.get(name), name);
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void aFlippedByteInAShardIsRefusedNamingIt() throws IOException {
        Path copy = tmp.resolve("corrupt");
        Files.createDirectories(copy);
        for (Map.Entry<String, byte[]> e : contents(corpus).entrySet()) {
            Files.createDirectories(copy.resolve(e.getKey()).getParent());
            Files.write(copy.resolve(e.getKey()), e.getValue());
        }
        String name = manifest().get("shards").get(1).get("file").asString();
        Path shard = copy.resolve(name);
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(shard, bytes);
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> CorpusLoader.open(copy, Verification.FULL));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("sha256"), e.getMessage());
        // Size-only mode does not read the data, so it opens; a header change is still caught by the header check.
        CorpusLoader.open(copy, Verification.SIZE);
        bytes[0] ^= 0x01;
        Files.write(shard, bytes);
        e = assertThrows(SignalFormatException.class, () -> CorpusLoader.open(copy, Verification.SIZE));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("magic"), e.getMessage());
        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        e = assertThrows(SignalFormatException.class, () -> CorpusLoader.open(copy, Verification.SIZE));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("size"), e.getMessage());
        Files.delete(shard);
        e = assertThrows(SignalFormatException.class, () -> CorpusLoader.open(copy, Verification.SIZE));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aHeaderDisagreeingWithTheFileIsRefused() throws IOException {
        Path shard = corpus.resolve(manifest().get("shards").get(0).get("file").asString());
        byte[] bytes = Files.readAllBytes(shard);
        Path bad = tmp.resolve("bad.shard");
        byte[] altered = bytes.clone();
        altered[56] += 8;
        Files.write(bad, altered);
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> ShardReader.open(bad));
        assertTrue(e.getMessage().contains("index offset / file size"), e.getMessage());
        altered = bytes.clone();
        altered[12] = 7;
        Files.write(bad, altered);
        e = assertThrows(SignalFormatException.class, () -> ShardReader.open(bad));
        assertTrue(e.getMessage().contains("dtype"), e.getMessage());
        altered = bytes.clone();
        altered[18] = 0x7f;
        Files.write(bad, altered);
        e = assertThrows(SignalFormatException.class, () -> ShardReader.open(bad));
        assertTrue(e.getMessage().contains("field 'shape'"), e.getMessage());
        Files.write(bad, java.util.Arrays.copyOf(bytes, 20));
        e = assertThrows(SignalFormatException.class, () -> ShardReader.open(bad));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void specFilesAreStrictAndOutputMustBeNew() throws IOException {
        Path specFile = fixture.root.resolve("spec.json");
        Files.writeString(specFile, CorpusSpec.JSON.writeValueAsString(fixture.spec));
        assertEquals(fixture.spec, CorpusSpec.read(specFile));
        Files.writeString(specFile, "{\"bids\": [{\"root\": \"ds\"}], \"tokenizer\": \"mulaw.json\", "
                + "\"windowSeconds\": 2, \"strideSecond\": 1}");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> CorpusSpec.read(specFile));
        assertTrue(e.getMessage().contains("strideSecond"), e.getMessage());
        Files.writeString(specFile, "{\"bids\": [{\"root\": \"ds\"}], \"tokenizer\": \"mulaw.json\"}");
        e = assertThrows(SignalFormatException.class, () -> CorpusSpec.read(specFile));
        assertTrue(e.getMessage().contains("no windowSeconds"), e.getMessage());
        Files.writeString(specFile, "{\"bids\": [{\"root\": \"ds\"}], \"tokenizer\": \"mulaw.json\", "
                + "\"windowSeconds\": 2, \"strideSeconds\": 1, \"splitUnit\": \"site\"}");
        e = assertThrows(SignalFormatException.class, () -> CorpusSpec.read(specFile));
        assertTrue(e.getMessage().contains("split unit"), e.getMessage());
        SignalException notEmpty = assertThrows(SignalException.class, () -> fixture.build("corpus"));
        assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
    }
}

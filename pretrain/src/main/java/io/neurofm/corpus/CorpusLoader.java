package io.neurofm.corpus;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A built corpus, opened for training: reads {@code manifest.json}, checks every shard against it
 * (SHA-256, or size only in {@link Verification#SIZE} mode), maps the shards and serves them per
 * split. Batches come from {@link #batches}.
 */
public final class CorpusLoader {
    private final Path directory;
    private final JsonNode manifest;
    private final Map<String, CorpusSplit> splits;

    private CorpusLoader(Path directory, JsonNode manifest, Map<String, CorpusSplit> splits) {
        this.directory = directory;
        this.manifest = manifest;
        this.splits = splits;
    }

    public static CorpusLoader open(Path directory, Verification verification) throws IOException {
        Path manifestFile = directory.resolve(CorpusBuilder.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new SignalFormatException(directory, CorpusBuilder.MANIFEST, -1,
                    "a corpus folder with manifest.json (an unfinished build has none)", "missing");
        }
        JsonNode manifest;
        try {
            manifest = CorpusSpec.JSON.readTree(Files.readString(manifestFile));
        } catch (JacksonException e) {
            throw new SignalFormatException(manifestFile, "manifest", -1, "JSON", e.getOriginalMessage());
        }
        if (!CorpusBuilder.FORMAT.equals(manifest.path("format").asString(""))) {
            throw new SignalFormatException(manifestFile, "format", -1, "\"" + CorpusBuilder.FORMAT + "\"",
                    String.valueOf(manifest.get("format")));
        }
        if (manifest.path("version").asInt(-1) != CorpusBuilder.VERSION) {
            throw new SignalFormatException(manifestFile, "version", -1, "corpus version " + CorpusBuilder.VERSION,
                    String.valueOf(manifest.get("version")));
        }
        Map<String, List<ShardReader>> bySplit = new LinkedHashMap<>();
        bySplit.put(SplitPlan.TRAIN, new ArrayList<>());
        bySplit.put(SplitPlan.VALIDATION, new ArrayList<>());
        for (JsonNode entry : manifest.path("shards")) {
            ShardReader reader = verifiedShard(directory, manifestFile, entry, verification);
            List<ShardReader> list = bySplit.get(entry.path("split").asString(""));
            if (list == null) {
                throw new SignalFormatException(manifestFile, "shards.split", -1, "train or validation",
                        String.valueOf(entry.get("split")));
            }
            list.add(reader);
        }
        Map<String, CorpusSplit> splits = new LinkedHashMap<>();
        bySplit.forEach((name, shards) -> splits.put(name, new CorpusSplit(name, shards)));
        return new CorpusLoader(directory, manifest, splits);
    }

    private static ShardReader verifiedShard(Path directory, Path manifestFile, JsonNode entry,
                                             Verification verification) throws IOException {
        String name = entry.path("file").asString("");
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new SignalFormatException(manifestFile, "shards.file", -1, "a shard file name in the corpus folder",
                    String.valueOf(entry.get("file")));
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new SignalFormatException(file, "shard", -1, "the shard listed in manifest.json", "missing");
        }
        long size = Files.size(file);
        long expectedSize = entry.path("bytes").asLong(-1);
        if (size != expectedSize) {
            throw new SignalFormatException(file, "size", -1, expectedSize + " bytes as manifest.json records",
                    size + " bytes");
        }
        if (verification == Verification.FULL) {
            String expected = entry.path("sha256").asString("");
            String found = Sha256.of(file);
            if (!found.equals(expected)) {
                throw new SignalFormatException(file, "sha256", -1, expected + " as manifest.json records "
                        + "(the shard is corrupted or was replaced; rebuild the corpus)", found);
            }
        }
        ShardReader reader = ShardReader.open(file);
        if (reader.windowCount() != entry.path("windows").asLong(-1)) {
            throw new SignalFormatException(file, "window count", 32, entry.path("windows").asLong(-1)
                    + " as manifest.json records", String.valueOf(reader.windowCount()));
        }
        return reader;
    }

    public Path directory() {
        return directory;
    }

    /** The parsed manifest (spec, sources, split, shards, tokenizer). */
    public JsonNode manifest() {
        return manifest.deepCopy();
    }

    /** "train" or "validation". */
    public CorpusSplit split(String name) {
        CorpusSplit split = splits.get(name);
        if (split == null) {
            throw new IllegalArgumentException("no split '" + name + "'; a corpus has " + splits.keySet());
        }
        return split;
    }

    /** The tokenizer state file copied into the corpus. */
    public Path tokenizerFile() {
        return directory.resolve(manifest.path("tokenizer").path("file").asString());
    }

    /** Seeded, resumable, prefetched batches of one split; close the stream when done. */
    public BatchStream batches(String split, BatchOptions options, LoaderPosition start) {
        return new BatchStream(split(split), options, start);
    }
}

package io.neurofm.corpus;

import io.neurofm.signal.SignalException;
import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.tokenize.TokenizerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a corpus from tokenised sources handed to it in index order: windows go into shards per
 * split and shape (a shard is written once full), then {@link #finish} writes the last shards and
 * {@code manifest.json} (last, so a folder with a manifest is complete). Which shard a window
 * lands in depends only on the order of arrival, so sources tokenised elsewhere (Spark tasks) and
 * handed over in index order give the same bytes as a single-process build; arrival out of order
 * is refused.
 */
public final class CorpusAssembler {
    private final CorpusPlan plan;
    private final Path out;
    private final ObjectNode tokenizerNode;
    private final Map<String, ShardWriter> open = new LinkedHashMap<>();
    private final Map<String, Integer> shardNumbers = new LinkedHashMap<>();
    private final List<ShardWriter.Written> written = new ArrayList<>();
    private final ArrayNode sourceNodes = CorpusSpec.JSON.createArrayNode();
    private final long[] totals = new long[2];
    private int nextSource;
    private long windowsOfSource;

    private CorpusAssembler(CorpusPlan plan, Path out, ObjectNode tokenizerNode) {
        this.plan = plan;
        this.out = out;
        this.tokenizerNode = tokenizerNode;
    }

    /** Starts a corpus in {@code out} (absent or empty) and copies the tokenizer into it. */
    public static CorpusAssembler create(CorpusPlan plan, Path out) throws IOException {
        prepareOutput(out);
        return new CorpusAssembler(plan, out, copyTokenizer(plan.tokenizerFile, out, plan.tokenizer.type()));
    }

    static void prepareOutput(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new SignalException(out, "the corpus output folder is not empty; choose a new folder "
                            + "(shards of an older build would be mixed in)");
                }
            }
        }
        Files.createDirectories(out);
    }

    /** The next window of the source being assembled. */
    public void add(EncodedWindow window) throws IOException {
        if (window.source() != nextSource || window.window() != windowsOfSource) {
            throw new IllegalStateException("window " + window.window() + " of source " + window.source()
                    + " arrived while expecting window " + windowsOfSource + " of source " + nextSource
                    + ": windows must arrive in manifest order");
        }
        String split = plan.splitOf(window.source());
        String key = split + "/" + window.shape();
        ShardWriter writer = open.computeIfAbsent(key, k -> new ShardWriter(split, window.shape(),
                window.vocabularySize(), window.stepSeconds(),
                ShardWriter.capacity(window.shape(), plan.spec.shardBytes())));
        writer.add(window);
        windowsOfSource++;
        if (writer.full()) {
            written.add(writer.write(out.resolve(nextName(shardNumbers, split))));
            open.remove(key);
        }
    }

    /** Closes the source whose windows were just added. */
    public void endSource(CorpusBuilder.SourceSummary summary) throws IOException {
        if (summary.index() != nextSource || summary.windows() != windowsOfSource) {
            throw new IllegalStateException("source " + summary.index() + " (" + summary.windows()
                    + " windows) ended while assembling source " + nextSource + " with " + windowsOfSource
                    + " windows added");
        }
        totals[plan.splitOf(summary.index()).equals(SplitPlan.TRAIN) ? 0 : 1] += summary.windows();
        sourceNodes.add(CorpusSpec.JSON.readTree(summary.manifestEntry()));
        nextSource++;
        windowsOfSource = 0;
    }

    /** Writes the open shards and the manifest. */
    public CorpusBuilder.Result finish() throws IOException {
        if (nextSource != plan.sources.size()) {
            throw new IllegalStateException(nextSource + " of " + plan.sources.size() + " sources assembled");
        }
        for (ShardWriter writer : open.values()) {
            written.add(writer.write(out.resolve(nextName(shardNumbers, writer.split()))));
        }
        open.clear();
        CorpusSpec spec = plan.spec;
        ObjectNode manifest = CorpusSpec.JSON.createObjectNode();
        manifest.put("format", CorpusBuilder.FORMAT);
        manifest.put("version", CorpusBuilder.VERSION);
        manifest.set("spec", CorpusSpec.JSON.valueToTree(spec));
        manifest.set("preprocessing", CorpusSpec.JSON.valueToTree(Preprocessing.describe(spec.preprocess())));
        manifest.set("tokenizer", tokenizerNode);
        manifest.set("split", splitNode(spec, plan.split, totals));
        manifest.set("sources", sourceNodes);
        manifest.set("shards", shardNodes(written));
        Path manifestFile = out.resolve(CorpusBuilder.MANIFEST);
        AtomicFiles.write(manifestFile, (CorpusSpec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest)
                + "\n").getBytes(StandardCharsets.UTF_8));
        return new CorpusBuilder.Result(manifestFile, totals[0], totals[1], written.size());
    }

    private static String nextName(Map<String, Integer> numbers, String split) {
        int n = numbers.merge(split, 1, Integer::sum) - 1;
        return String.format(Locale.ROOT, "%s-%05d.shard", split, n);
    }

    /** Copies the tokenizer state (and tensors) into the corpus so it is self-contained; returns its manifest entry. */
    private static ObjectNode copyTokenizer(Path json, Path out, String type) throws IOException {
        Path dir = Files.createDirectories(out.resolve(CorpusBuilder.TOKENIZER_DIR));
        ObjectNode node = CorpusSpec.JSON.createObjectNode();
        node.put("type", type);
        node.put("file", CorpusBuilder.TOKENIZER_DIR + "/" + json.getFileName());
        byte[] state = Files.readAllBytes(json);
        AtomicFiles.write(dir.resolve(json.getFileName()), state);
        node.put("sha256", Sha256.of(state));
        Path tensors = TokenizerFiles.tensorFile(json);
        if (Files.isRegularFile(tensors)) {
            byte[] bytes = Files.readAllBytes(tensors);
            AtomicFiles.write(dir.resolve(tensors.getFileName()), bytes);
            node.put("tensors_file", CorpusBuilder.TOKENIZER_DIR + "/" + tensors.getFileName());
            node.put("tensors_sha256", Sha256.of(bytes));
        }
        return node;
    }

    private static ObjectNode splitNode(CorpusSpec spec, SplitPlan plan, long[] totals) {
        ObjectNode node = CorpusSpec.JSON.createObjectNode();
        node.put("unit", plan.unit().label());
        node.put("seed", spec.seed());
        node.put("validation_fraction", spec.validationFraction());
        node.put("rule", "whole groups go to one side; no group appears in both");
        ArrayNode fallbacks = node.putArray("fallbacks");
        plan.fallbacks().forEach(fallbacks::add);
        ArrayNode train = node.putArray("train_groups");
        ArrayNode validation = node.putArray("validation_groups");
        plan.groups().stream().distinct().sorted().forEach(g -> (plan.validation().contains(g) ? validation : train)
                .add(g));
        node.put("train_windows", totals[0]);
        node.put("validation_windows", totals[1]);
        return node;
    }

    private static ArrayNode shardNodes(List<ShardWriter.Written> written) {
        ArrayNode shards = CorpusSpec.JSON.createArrayNode();
        for (ShardWriter.Written w : written) {
            ObjectNode node = shards.addObject();
            node.put("file", w.file().getFileName().toString());
            node.put("split", w.split());
            node.put("dtype", ShardFormat.dtypeName(w.shape().dtype()));
            ArrayNode shape = node.putArray("shape");
            for (int d : w.shape().dims()) {
                shape.add(d);
            }
            node.put("mask", w.mask());
            node.put("windows", w.windows());
            node.put("bytes", w.bytes());
            node.put("sha256", w.sha256());
            node.put("vocabulary_size", w.vocabularySize());
            node.put("step_seconds", w.stepSeconds());
        }
        return shards;
    }
}

package io.neurofm.corpus;

import io.neurofm.load.LoadSpec;
import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import io.neurofm.tokenize.Tokens;
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
 * Builds a corpus once: each recording is loaded ({@link RecordingLoader}), preprocessed, cut into
 * fixed windows and tokenised, and the windows are written into shards per split and shape, then
 * {@code manifest.json} (written last, so a folder with a manifest is complete). The output holds
 * no timestamp and no absolute output path: the same spec and inputs give byte-identical files.
 */
public final class CorpusBuilder {
    public static final String MANIFEST = "manifest.json";
    public static final String FORMAT = "neurofm-corpus";
    public static final int VERSION = 1;
    static final String TOKENIZER_DIR = "tokenizer";

    private CorpusBuilder() {
    }

    /** What was built. */
    public record Result(Path manifest, long trainWindows, long validationWindows, int shards) {
    }

    /**
     * @param base folder the spec's relative paths are resolved against
     * @param out  output folder; must be absent or empty
     */
    public static Result build(CorpusSpec spec, Path base, Path out) throws IOException {
        prepareOutput(out);
        Path tokenizerFile = base.resolve(spec.tokenizer()).toAbsolutePath().normalize();
        Tokenizer tokenizer = TokenizerFiles.load(tokenizerFile);
        ObjectNode tokenizerNode = copyTokenizer(tokenizerFile, out, tokenizer.type());
        List<CorpusSource> sources = CorpusSources.resolve(spec, base);
        SplitPlan plan = SplitPlan.of(sources, spec.unit(), spec.validationFraction(), spec.seed());
        LoadSpec loadSpec = spec.read().toLoadSpec(base);

        Map<String, ShardWriter> open = new LinkedHashMap<>();
        Map<String, Integer> shardNumbers = new LinkedHashMap<>();
        List<ShardWriter.Written> written = new ArrayList<>();
        ArrayNode sourceNodes = CorpusSpec.JSON.createArrayNode();
        long[] totals = new long[2];
        for (CorpusSource source : sources) {
            String split = plan.splitOf(source.index());
            Recording recording = RecordingLoader.load(source.file(), loadSpec);
            recording = Preprocessing.apply(recording.withIds(merge(source.ids(), recording.ids())),
                    spec.preprocess());
            double rate = recording.samplingRate();
            int length = Windows.samples(spec.windowSeconds(), rate);
            int stride = Windows.samples(spec.strideSeconds(), rate);
            long count = Windows.count(recording.sampleCount(), length, stride);
            for (int w = 0; w < count; w++) {
                int start = Math.toIntExact((long) w * stride);
                Tokens tokens = encode(tokenizer, Windows.slice(recording, start, length), source, start);
                ShardShape shape = shapeOf(tokens);
                String key = split + "/" + shape;
                ShardWriter writer = open.computeIfAbsent(key, k -> new ShardWriter(split, shape,
                        tokens.vocabularySize(), tokens.stepSeconds(), ShardWriter.capacity(shape, spec.shardBytes())));
                writer.add(tokens, source.index(), w, start, start / rate);
                if (writer.full()) {
                    written.add(writer.write(out.resolve(nextName(shardNumbers, split))));
                    open.remove(key);
                }
            }
            totals[split.equals(SplitPlan.TRAIN) ? 0 : 1] += count;
            sourceNodes.add(sourceNode(source, plan, recording, length, stride, count));
        }
        for (ShardWriter writer : open.values()) {
            written.add(writer.write(out.resolve(nextName(shardNumbers, writer.split()))));
        }
        ObjectNode manifest = CorpusSpec.JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("version", VERSION);
        manifest.set("spec", CorpusSpec.JSON.valueToTree(spec));
        manifest.set("preprocessing", CorpusSpec.JSON.valueToTree(Preprocessing.describe(spec.preprocess())));
        manifest.set("tokenizer", tokenizerNode);
        manifest.set("split", splitNode(spec, plan, totals));
        manifest.set("sources", sourceNodes);
        manifest.set("shards", shardNodes(written));
        Path manifestFile = out.resolve(MANIFEST);
        AtomicFiles.write(manifestFile, (CorpusSpec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest)
                + "\n").getBytes(StandardCharsets.UTF_8));
        return new Result(manifestFile, totals[0], totals[1], written.size());
    }

    private static void prepareOutput(Path out) throws IOException {
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

    private static RecordingIds merge(RecordingIds preferred, RecordingIds fallback) {
        return new RecordingIds(preferred.subject() != null ? preferred.subject() : fallback.subject(),
                preferred.session() != null ? preferred.session() : fallback.session(),
                preferred.run() != null ? preferred.run() : fallback.run(),
                preferred.task() != null ? preferred.task() : fallback.task());
    }

    private static Tokens encode(Tokenizer tokenizer, Recording window, CorpusSource source, int start)
            throws SignalException {
        try {
            return tokenizer.encode(window);
        } catch (SignalException e) {
            throw new SignalException(source.file(), "window at sample " + start + " could not be tokenised: "
                    + e.getMessage(), e);
        }
    }

    private static ShardShape shapeOf(Tokens tokens) {
        return tokens.isDiscrete() ? new ShardShape(ShardFormat.DTYPE_INT32, tokens.rows(), tokens.steps(), 1)
                : new ShardShape(ShardFormat.DTYPE_FLOAT32, tokens.rows(), tokens.steps(), tokens.dimension());
    }

    private static String nextName(Map<String, Integer> numbers, String split) {
        int n = numbers.merge(split, 1, Integer::sum) - 1;
        return String.format(Locale.ROOT, "%s-%05d.shard", split, n);
    }

    /** Copies the tokenizer state (and tensors) into the corpus so it is self-contained; returns its manifest entry. */
    private static ObjectNode copyTokenizer(Path json, Path out, String type) throws IOException {
        Path dir = Files.createDirectories(out.resolve(TOKENIZER_DIR));
        ObjectNode node = CorpusSpec.JSON.createObjectNode();
        node.put("type", type);
        node.put("file", TOKENIZER_DIR + "/" + json.getFileName());
        byte[] state = Files.readAllBytes(json);
        AtomicFiles.write(dir.resolve(json.getFileName()), state);
        node.put("sha256", Sha256.of(state));
        Path tensors = TokenizerFiles.tensorFile(json);
        if (Files.isRegularFile(tensors)) {
            byte[] bytes = Files.readAllBytes(tensors);
            AtomicFiles.write(dir.resolve(tensors.getFileName()), bytes);
            node.put("tensors_file", TOKENIZER_DIR + "/" + tensors.getFileName());
            node.put("tensors_sha256", Sha256.of(bytes));
        }
        return node;
    }

    private static ObjectNode sourceNode(CorpusSource source, SplitPlan plan, Recording recording, int length,
                                         int stride, long count) throws IOException {
        ObjectNode node = CorpusSpec.JSON.createObjectNode();
        node.put("index", source.index());
        node.put("path", source.label());
        ObjectNode hashes = node.putObject("sha256");
        for (Path file : filesOf(source.file())) {
            hashes.put(file.getFileName().toString(), Sha256.of(file));
        }
        RecordingIds ids = recording.ids();
        node.put("subject", ids.subject());
        node.put("session", ids.session());
        node.put("run", ids.run());
        node.put("task", ids.task());
        node.put("group", plan.groups().get(source.index()));
        node.put("split", plan.splitOf(source.index()));
        node.put("sampling_rate", recording.samplingRate());
        node.put("samples", recording.sampleCount());
        node.put("window_samples", length);
        node.put("stride_samples", stride);
        node.put("windows", count);
        ArrayNode channels = node.putArray("channels");
        recording.channels().forEach(c -> channels.add(c.name()));
        ArrayNode positions = node.putArray("positions");
        recording.channels().forEach(c -> {
            if (c.position() == null) {
                positions.addNull();
            } else {
                positions.addArray().add(c.position().x()).add(c.position().y()).add(c.position().z());
            }
        });
        ArrayNode provenance = node.putArray("provenance");
        for (Transform t : recording.provenance()) {
            ObjectNode step = provenance.addObject();
            step.put("operation", t.operation());
            t.parameters().forEach(step::put);
        }
        return node;
    }

    /**
     * The file and its companions: files beside it with the same stem (BrainVision .vmrk/.eeg,
     * EEGLAB .fdt), whose bytes the recording also depends on.
     */
    static List<Path> filesOf(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            return siblings.filter(p -> p.equals(file) || p.getFileName().toString().startsWith(stem + "."))
                    .filter(Files::isRegularFile).sorted().toList();
        }
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

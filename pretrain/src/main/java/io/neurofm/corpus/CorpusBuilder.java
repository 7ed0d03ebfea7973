package io.neurofm.corpus;

import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.Tokens;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a corpus once: each recording is loaded ({@link RecordingLoader}), preprocessed, cut into
 * fixed windows and tokenised ({@link #tokenise}, one source at a time, independent of the others),
 * and {@link CorpusAssembler} writes the windows into shards per split and shape, then
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

    /** Receives a source's windows in order. */
    @FunctionalInterface
    public interface WindowSink {
        void accept(EncodedWindow window) throws IOException;
    }

    /**
     * What tokenising one source gave besides its windows.
     *
     * @param index         the source's index
     * @param windows       how many windows it gave
     * @param manifestEntry its entry of the manifest's {@code sources} list, as JSON
     */
    public record SourceSummary(int index, long windows, String manifestEntry) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param base folder the spec's relative paths are resolved against
     * @param out  output folder; must be absent or empty
     */
    public static Result build(CorpusSpec spec, Path base, Path out) throws IOException {
        CorpusAssembler.prepareOutput(out);
        CorpusPlan plan = CorpusPlan.of(spec, base);
        CorpusAssembler assembler = CorpusAssembler.create(plan, out);
        for (CorpusSource source : plan.sources()) {
            assembler.endSource(tokenise(plan, source.index(), assembler::add));
        }
        return assembler.finish();
    }

    /**
     * Loads, preprocesses, windows and tokenises one source, handing its windows to {@code sink} in
     * order. Depends only on the plan and the source's files, so sources can be tokenised anywhere
     * and assembled later ({@link CorpusAssembler}) in index order.
     */
    public static SourceSummary tokenise(CorpusPlan plan, int index, WindowSink sink) throws IOException {
        CorpusSource source = plan.sources.get(index);
        CorpusSpec spec = plan.spec;
        Recording recording = RecordingLoader.load(source.file(), plan.loadSpec);
        recording = Preprocessing.apply(recording.withIds(merge(source.ids(), recording.ids())), spec.preprocess());
        double rate = recording.samplingRate();
        int length = Windows.samples(spec.windowSeconds(), rate);
        int stride = Windows.samples(spec.strideSeconds(), rate);
        long count = Windows.count(recording.sampleCount(), length, stride);
        for (int w = 0; w < count; w++) {
            int start = Math.toIntExact((long) w * stride);
            Tokens tokens = encode(plan.tokenizer, Windows.slice(recording, start, length), source, start);
            sink.accept(EncodedWindow.of(tokens, source.index(), w, start, start / rate));
        }
        ObjectNode entry = sourceNode(source, plan.split, recording, length, stride, count);
        return new SourceSummary(index, count, CorpusSpec.JSON.writeValueAsString(entry));
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
}

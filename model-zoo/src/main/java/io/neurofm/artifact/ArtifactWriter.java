package io.neurofm.artifact;

import ai.djl.nn.Block;
import io.neurofm.nn.StateDict;
import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.tokenize.TokenizerFiles;
import io.neurofm.tokenize.TokenizerState;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a model artifact. Every file is written into a hidden temporary folder beside the target,
 * checksummed, verified, and only then renamed into place (or zipped into a temporary file that is
 * renamed), so a reader never sees a half-written artifact. An existing target is never replaced.
 */
public final class ArtifactWriter {
    private final ArtifactConfig config;
    private final PreprocessingSpec preprocessing;
    private final ModelCard card;
    private final Block weights;
    private TokenizerState tokenizer;
    private final Map<String, Block> heads = new LinkedHashMap<>();
    private final Map<String, byte[]> headMetadata = new LinkedHashMap<>();

    /**
     * @param weights an initialised block whose parameters (under {@link StateDict} names) become
     *                model.safetensors
     */
    public ArtifactWriter(ArtifactConfig config, PreprocessingSpec preprocessing, ModelCard card, Block weights) {
        this.config = Objects.requireNonNull(config, "config");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.card = Objects.requireNonNull(card, "card");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /** Adds the tokenizer state (tokenizer.json, plus tokenizer.safetensors when it has tensors). */
    public ArtifactWriter tokenizer(TokenizerState state) {
        this.tokenizer = Objects.requireNonNull(state, "tokenizer state");
        return this;
    }

    /** Adds a decoding head as heads/NAME.safetensors. */
    public ArtifactWriter head(String name, Block head) {
        if (!ArtifactLayout.isSafePath(name) || name.contains("/")) {
            throw new IllegalArgumentException("head name must be a plain file name, got \"" + name + "\"");
        }
        if (heads.putIfAbsent(name, Objects.requireNonNull(head, "head")) != null) {
            throw new IllegalArgumentException("head " + name + " added twice");
        }
        return this;
    }

    /**
     * Adds a decoding head as heads/NAME.safetensors with its description as heads/NAME.json
     * (the schema is the head's, e.g. {@link DecodingHead#toJson}).
     */
    public ArtifactWriter head(String name, Block head, byte[] metadataJson) {
        head(name, head);
        headMetadata.put(name, Objects.requireNonNull(metadataJson, "head metadata").clone());
        return this;
    }

    /** Writes the artifact as the folder {@code target}, which must not exist yet. */
    public Path writeDirectory(Path target) throws IOException {
        Path absolute = prepare(target);
        Path staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
        try {
            stage(staging);
            FileTrees.makeReadable(staging);
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(absolute.toString(), null, "artifacts are never overwritten");
            }
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            return absolute;
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteTreeQuietly(staging);
            throw e;
        }
    }

    /** Writes the artifact as the zip file {@code target} (e.g. NAME.zip), which must not exist yet. */
    public Path writeZip(Path target) throws IOException {
        Path absolute = prepare(target);
        if (!ZipArtifacts.isZipName(absolute)) {
            throw new IllegalArgumentException("a zipped artifact's name must end in .zip, got " + absolute.getFileName());
        }
        Path staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
        try {
            stage(staging);
            Path zip = AtomicFiles.temporaryBeside(absolute);
            try {
                try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(zip), 1 << 16)) {
                    ZipArtifacts.write(staging, out, ZipArtifacts.zipTime(config.created()));
                }
                FileTrees.makeReadable(zip);
                if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(absolute.toString(), null, "artifacts are never overwritten");
                }
                AtomicFiles.move(zip, absolute);
            } finally {
                Files.deleteIfExists(zip);
            }
            return absolute;
        } finally {
            FileTrees.deleteTreeQuietly(staging);
        }
    }

    private static Path prepare(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "artifacts are never overwritten");
        }
        Files.createDirectories(absolute.getParent());
        return absolute;
    }

    /** Writes every file and checksums.sha256 into the empty folder {@code dir}, then verifies it. */
    private void stage(Path dir) throws IOException {
        Files.write(dir.resolve(ArtifactLayout.CONFIG), ArtifactJson.bytes(config.toJson()));
        StateDict.save(weights, dir.resolve(ArtifactLayout.WEIGHTS));
        Files.write(dir.resolve(ArtifactLayout.PREPROCESSING), preprocessing.toJsonBytes());
        Files.write(dir.resolve(ArtifactLayout.CARD), card.toMarkdownBytes());
        if (tokenizer != null) {
            TokenizerFiles.save(tokenizer, dir.resolve(ArtifactLayout.TOKENIZER));
        }
        if (!heads.isEmpty()) {
            Path headsDir = Files.createDirectory(dir.resolve(ArtifactLayout.HEADS));
            for (Map.Entry<String, Block> e : heads.entrySet()) {
                StateDict.save(e.getValue(), headsDir.resolve(e.getKey() + ".safetensors"));
            }
            for (Map.Entry<String, byte[]> e : headMetadata.entrySet()) {
                Files.write(headsDir.resolve(e.getKey() + ".json"), e.getValue());
            }
        }
        writeChecksums(dir);
        ArtifactVerifier.verify(dir, dir);
    }

    /** Lists every regular file under {@code dir} but the checksum file itself into checksums.sha256. */
    static void writeChecksums(Path dir) throws IOException {
        TreeMap<String, String> digests = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path f : files) {
            String rel = ArtifactLayout.relative(dir, f);
            if (!rel.equals(ArtifactLayout.CHECKSUMS)) {
                digests.put(rel, Checksums.sha256(f));
            }
        }
        Files.writeString(dir.resolve(ArtifactLayout.CHECKSUMS), Checksums.render(digests));
    }
}

package io.neurofm.artifact;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.neurofm.nn.StateDict;
import io.neurofm.tensor.Safetensors;
import io.neurofm.tokenize.TokenizerFiles;
import io.neurofm.tokenize.TokenizerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An opened, verified model artifact (a folder, or a NAME.zip extracted to a private temporary
 * folder that {@link #close()} deletes). {@link #open} checks every checksum, that every listed
 * file exists and that no unlisted file is present before it parses anything; a tampered or
 * incomplete artifact is refused with an {@link ArtifactException} naming the file.
 */
public final class Artifact implements AutoCloseable {
    private final Path source;
    private final Path root;
    private final boolean extracted;
    private final SortedMap<String, String> digests;
    private final ArtifactConfig config;
    private final PreprocessingSpec preprocessing;
    private final ModelCard card;

    private Artifact(Path source, Path root, boolean extracted, SortedMap<String, String> digests) throws IOException {
        this.source = source;
        this.root = root;
        this.extracted = extracted;
        this.digests = Collections.unmodifiableSortedMap(digests);
        this.config = ArtifactConfig.parse(source, verifiedBytes(ArtifactLayout.CONFIG));
        this.preprocessing = PreprocessingSpec.parse(source, verifiedBytes(ArtifactLayout.PREPROCESSING));
        this.card = ModelCard.parse(source, verifiedBytes(ArtifactLayout.CARD));
    }

    /** Opens and verifies an artifact folder or zip. */
    public static Artifact open(Path dirOrZip) throws IOException {
        Path source = dirOrZip.toAbsolutePath().normalize();
        if (ZipArtifacts.isZip(source)) {
            Path temp = Files.createTempDirectory("neurofm-artifact-");
            try {
                ZipArtifacts.extract(source, temp);
                return new Artifact(source, temp, true, ArtifactVerifier.verify(source, temp));
            } catch (IOException | RuntimeException e) {
                FileTrees.deleteTreeQuietly(temp);
                throw e;
            }
        }
        return new Artifact(source, source, false, ArtifactVerifier.verify(source, source));
    }

    /**
     * Verifies an artifact folder or zip without parsing it.
     *
     * @return the number of files checked against checksums.sha256
     */
    public static int verify(Path dirOrZip) throws IOException {
        Path source = dirOrZip.toAbsolutePath().normalize();
        if (ZipArtifacts.isZip(source)) {
            Path temp = Files.createTempDirectory("neurofm-artifact-");
            try {
                ZipArtifacts.extract(source, temp);
                return ArtifactVerifier.verify(source, temp).size();
            } finally {
                FileTrees.deleteTreeQuietly(temp);
            }
        }
        return ArtifactVerifier.verify(source, source).size();
    }

    /**
     * Re-reads a small file and checks it against the verified digest, so what is parsed is
     * exactly what was verified even if the folder changes after {@link #open}.
     */
    private byte[] verifiedBytes(String rel) throws IOException {
        byte[] bytes = Files.readAllBytes(root.resolve(rel));
        String actual = HexFormat.of().formatHex(sha256(bytes));
        if (!actual.equals(digests.get(rel))) {
            throw new ArtifactException(source, rel, "changed after verification: sha256 expected "
                    + digests.get(rel) + ", actual " + actual);
        }
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder or zip this artifact was opened from. */
    public Path source() {
        return source;
    }

    /** The folder holding the files (a temporary folder for a zip). */
    public Path root() {
        return root;
    }

    /** Relative path -> sha256 of every file but checksums.sha256, as verified. */
    public SortedMap<String, String> digests() {
        return digests;
    }

    public ArtifactConfig config() {
        return config;
    }

    public PreprocessingSpec preprocessing() {
        return preprocessing;
    }

    public ModelCard card() {
        return card;
    }

    /** The tokenizer state file, for {@link TokenizerFiles#load}; empty when the artifact has no tokenizer. */
    public Optional<Path> tokenizerFile() {
        return digests.containsKey(ArtifactLayout.TOKENIZER) ? Optional.of(root.resolve(ArtifactLayout.TOKENIZER))
                : Optional.empty();
    }

    /** The saved tokenizer state, without building the tokenizer. */
    public Optional<TokenizerState> tokenizerState() throws IOException {
        Optional<Path> file = tokenizerFile();
        return file.isEmpty() ? Optional.empty() : Optional.of(TokenizerFiles.read(file.get()));
    }

    /** Names of the decoding heads stored as heads/NAME.safetensors. */
    public List<String> heads() {
        List<String> names = new ArrayList<>();
        String prefix = ArtifactLayout.HEADS + "/";
        for (String rel : digests.keySet()) {
            if (rel.startsWith(prefix) && rel.endsWith(".safetensors") && rel.indexOf('/', prefix.length()) < 0) {
                names.add(rel.substring(prefix.length(), rel.length() - ".safetensors".length()));
            }
        }
        return names;
    }

    /**
     * Loads model.safetensors into an initialised block, strictly (every parameter name and
     * shape must match, nothing else may be in the file), as {@link StateDict#load} does.
     *
     * @param manager owns the temporary arrays read from the file (released before returning)
     */
    public void loadWeights(Block block, NDManager manager) throws IOException {
        load(block, manager, ArtifactLayout.WEIGHTS);
    }

    /** Loads heads/NAME.safetensors into an initialised head block, strictly. */
    public void loadHead(String name, Block head, NDManager manager) throws IOException {
        if (!heads().contains(name)) {
            throw new ArtifactException(source, ArtifactLayout.HEADS + "/" + name + ".safetensors",
                    "no such head; the artifact has " + heads());
        }
        load(head, manager, ArtifactLayout.HEADS + "/" + name + ".safetensors");
    }

    /**
     * The bytes of heads/NAME.json (the head's description, see {@link DecodingHead}), checked
     * against the verified digest; empty when the head has none.
     */
    public Optional<byte[]> headMetadata(String name) throws IOException {
        String rel = ArtifactLayout.HEADS + "/" + name + ".json";
        return digests.containsKey(rel) ? Optional.of(verifiedBytes(rel)) : Optional.empty();
    }

    private void load(Block block, NDManager manager, String rel) throws IOException {
        try (NDManager scratch = manager.newSubManager()) {
            try {
                StateDict.load(block, Safetensors.read(root.resolve(rel), scratch));
            } catch (IllegalArgumentException e) {
                throw new ArtifactException(source, rel, e.getMessage(), e);
            }
        }
    }

    /** Deletes the temporary folder of an extracted zip; nothing for a folder artifact. */
    @Override
    public void close() throws IOException {
        if (extracted) {
            FileTrees.deleteTree(root);
        }
    }
}

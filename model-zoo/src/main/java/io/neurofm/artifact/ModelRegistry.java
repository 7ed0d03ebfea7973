package io.neurofm.artifact;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local folder of artifacts laid out as {@code <registry>/<name>/<version>/}. {@code name} alone
 * resolves to the latest version by {@link VersionOrder}. The folder is chosen by, in order: an
 * explicit path (the CLI's {@code --registry DIR}), the {@value #ENV} environment variable, then
 * {@code ~/.neurofm/models}.
 */
public final class ModelRegistry {
    public static final String ENV = "NEUROFM_MODELS";
    private static final int REGISTER_ATTEMPTS = 20;

    private final Path root;

    public ModelRegistry(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The registry folder: {@code flag} if given, else $NEUROFM_MODELS if set and non-blank, else HOME/.neurofm/models. */
    public static Path chooseRoot(Path flag, Map<String, String> env, Path home) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return home.resolve(".neurofm").resolve("models");
    }

    /** The registry this process should use, given an optional explicit folder. */
    public static ModelRegistry locate(Path flag) {
        return new ModelRegistry(chooseRoot(flag, System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    public Path root() {
        return root;
    }

    /** Model names, sorted. */
    public List<String> names() throws IOException {
        return children(root).stream().sorted().toList();
    }

    /** A model's versions, oldest first; empty when the model is unknown. */
    public List<String> versions(String name) throws IOException {
        new ModelRef(name, null);
        return children(root.resolve(name)).stream().sorted(VersionOrder.INSTANCE).toList();
    }

    private static List<String> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> ModelRef.PART.matcher(n).matches())
                    .collect(Collectors.toList());
        }
    }

    /**
     * The folder of {@code name[:version]}.
     *
     * @throws ArtifactException saying which models or versions exist when the reference matches none
     */
    public Path resolve(String ref) throws IOException {
        ModelRef parsed;
        try {
            parsed = ModelRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(root, null, "\"" + ref + "\" is not NAME[:VERSION]: " + e.getMessage());
        }
        List<String> versions = versions(parsed.name());
        if (versions.isEmpty()) {
            throw new ArtifactException(root, null, "no model \"" + parsed.name() + "\" in the registry; "
                    + describeContents());
        }
        String version = parsed.version() == null ? VersionOrder.latest(versions) : parsed.version();
        if (!versions.contains(version)) {
            throw new ArtifactException(root, null, "model \"" + parsed.name() + "\" has no version \"" + version
                    + "\"; it has " + String.join(", ", versions));
        }
        return root.resolve(parsed.name()).resolve(version);
    }

    private String describeContents() throws IOException {
        if (!Files.isDirectory(root)) {
            return "the registry folder does not exist (set " + ENV + " or --registry to use another)";
        }
        List<String> parts = new ArrayList<>();
        for (String name : names()) {
            List<String> versions = versions(name);
            if (!versions.isEmpty()) {
                parts.add(name + " (" + String.join(", ", versions) + ")");
            }
        }
        return parts.isEmpty() ? "the registry is empty" : "it has " + String.join(", ", parts);
    }

    /** Opens (and so verifies) {@code name[:version]}. */
    public Artifact open(String ref) throws IOException {
        return Artifact.open(resolve(ref));
    }

    /** Copies a verified artifact (folder or zip) in as the next version of {@code name}. */
    public RegistryEntry register(Path artifact, String name) throws IOException {
        return register(artifact, name, null);
    }

    /**
     * Copies a verified artifact in as {@code name:version} (the next version when null). The
     * copy is made in a hidden folder beside the versions, verified again, and renamed into place,
     * so a version folder is either complete or absent; an existing version is never replaced.
     */
    public RegistryEntry register(Path artifact, String name, String version) throws IOException {
        new ModelRef(name, version);
        Path nameDir = root.resolve(name);
        Files.createDirectories(nameDir);
        try (Artifact source = Artifact.open(artifact)) {
            Path staging = Files.createTempDirectory(nameDir, ".register-");
            try {
                List<String> files = new ArrayList<>(source.digests().keySet());
                files.add(ArtifactLayout.CHECKSUMS);
                for (String rel : files) {
                    Path target = staging.resolve(rel);
                    Files.createDirectories(target.getParent());
                    Files.copy(source.root().resolve(rel), target);
                }
                ArtifactVerifier.verify(staging, staging);
                FileTrees.makeReadable(staging);
                for (int attempt = 0; attempt < REGISTER_ATTEMPTS; attempt++) {
                    String v = version != null ? version : VersionOrder.next(versions(name));
                    Path target = nameDir.resolve(v);
                    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        try {
                            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                            return new RegistryEntry(name, v, target, source.config(), source.card(), null);
                        } catch (IOException e) {
                            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                                throw e;
                            }
                        }
                    }
                    if (version != null) {
                        throw new FileAlreadyExistsException(target.toString(), null,
                                "version " + version + " of " + name + " already exists; versions are never replaced");
                    }
                    // Another process registered this version meanwhile: take the next one.
                }
                throw new IOException("could not find a free version of " + name + " after " + REGISTER_ATTEMPTS
                        + " attempts (another process keeps registering)");
            } finally {
                FileTrees.deleteTreeQuietly(staging);
            }
        }
    }

    /**
     * Every version of every model with its config and card. Only config.json and model_card.md
     * are checked against checksums.sha256 here (hashing every weight file would make listing
     * slow); {@link Artifact#open} and {@link Artifact#verify} check everything.
     */
    public List<RegistryEntry> list() throws IOException {
        List<RegistryEntry> out = new ArrayList<>();
        for (String name : names()) {
            for (String version : versions(name)) {
                Path dir = root.resolve(name).resolve(version);
                try {
                    ArtifactConfig config = ArtifactConfig.parse(dir,
                            ArtifactVerifier.readVerified(dir, ArtifactLayout.CONFIG));
                    ModelCard card = ModelCard.parse(dir, ArtifactVerifier.readVerified(dir, ArtifactLayout.CARD));
                    out.add(new RegistryEntry(name, version, dir, config, card, null));
                } catch (ArtifactException e) {
                    out.add(new RegistryEntry(name, version, dir, null, null, e.getMessage()));
                }
            }
        }
        return out;
    }
}

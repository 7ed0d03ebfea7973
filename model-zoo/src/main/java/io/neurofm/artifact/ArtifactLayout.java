package io.neurofm.artifact;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The file names of an artifact (format version {@value #FORMAT_VERSION}) and which of them are required. */
public final class ArtifactLayout {
    /** Bumped when the layout or a file's schema changes incompatibly. */
    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT = "neurofm-model";

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String PREPROCESSING = "preprocessing.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_TENSORS = "tokenizer.safetensors";
    public static final String CARD = "model_card.md";
    public static final String CHECKSUMS = "checksums.sha256";
    public static final String HEADS = "heads";

    public static final List<String> REQUIRED = List.of(CONFIG, WEIGHTS, PREPROCESSING, CARD);
    private static final Set<String> TOP_LEVEL = Set.of(CONFIG, WEIGHTS, PREPROCESSING, TOKENIZER,
            TOKENIZER_TENSORS, CARD);

    /** A path segment: no separators, no leading dot, printable ASCII only, so sha256sum lines stay unambiguous. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");

    private ArtifactLayout() {
    }

    /**
     * Why {@code relative} (a '/'-separated path inside the artifact) is not allowed by the
     * layout, or null when it is. heads/ may hold any files: their schema belongs to the
     * fine-tuning heads.
     */
    static String problemWith(String relative) {
        if (!isSafePath(relative)) {
            return "not a plain relative path (segments must match " + SEGMENT + ")";
        }
        String[] segments = relative.split("/", -1);
        if (segments.length == 1 && TOP_LEVEL.contains(relative)) {
            return null;
        }
        if (segments.length >= 2 && segments[0].equals(HEADS)) {
            return null;
        }
        return "not part of the artifact layout (format version " + FORMAT_VERSION + "): expected only "
                + TOP_LEVEL.stream().sorted().toList() + ", " + CHECKSUMS + " and files under " + HEADS + "/";
    }

    /** Whether {@code relative} is a plain '/'-separated relative path that cannot leave the artifact root. */
    static boolean isSafePath(String relative) {
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The artifact-relative name of {@code file} under {@code root}, with '/' separators. */
    static String relative(Path root, Path file) {
        Path rel = root.relativize(file);
        StringBuilder b = new StringBuilder();
        for (Path part : rel) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }
}

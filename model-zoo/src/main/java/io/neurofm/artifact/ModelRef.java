package io.neurofm.artifact;

import java.util.regex.Pattern;

/**
 * {@code name[:version]} as the registry resolves it; a null version means the latest.
 */
public record ModelRef(String name, String version) {
    /** Names and versions: no separators, no leading dot (hidden staging folders), no ':'. */
    static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    public ModelRef {
        if (name == null || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("model name must match " + PART + ", got \"" + name + "\"");
        }
        if (version != null && !PART.matcher(version).matches()) {
            throw new IllegalArgumentException("model version must match " + PART + ", got \"" + version + "\"");
        }
    }

    public static ModelRef parse(String ref) {
        int colon = ref.indexOf(':');
        return colon < 0 ? new ModelRef(ref, null) : new ModelRef(ref.substring(0, colon), ref.substring(colon + 1));
    }

    /** Whether {@code text} reads as a reference (rather than a path). */
    public static boolean isRef(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        return PART.matcher(name).matches() && (colon < 0 || PART.matcher(text.substring(colon + 1)).matches());
    }

    @Override
    public String toString() {
        return version == null ? name : name + ":" + version;
    }
}

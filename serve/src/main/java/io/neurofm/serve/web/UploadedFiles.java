package io.neurofm.serve.web;

import io.neurofm.signal.Readers;
import java.util.Locale;

/**
 * Picks the name an upload is stored under. Only the ending of the client's file name is kept
 * (the reader is chosen by it); the rest of the name never reaches the file system, so a name
 * such as {@code ../../x.edf} cannot place a file anywhere.
 */
public final class UploadedFiles {
    private UploadedFiles() {}

    /** The longest supported recording ending of {@code clientName} ("_raw.fif" before ".fif"), or null. */
    public static String supportedEnding(String clientName) {
        if (clientName == null) {
            return null;
        }
        String lower = clientName.toLowerCase(Locale.ROOT);
        String best = null;
        for (String ending : Readers.supportedExtensions()) {
            if (lower.endsWith(ending) && (best == null || ending.length() > best.length())) {
                best = ending;
            }
        }
        return best;
    }

    /** The client's name without any folder part, for messages. */
    public static String displayName(String clientName) {
        if (clientName == null || clientName.isBlank()) {
            return "upload";
        }
        String name = clientName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }
}

package io.neurofm.signal;

import java.io.IOException;
import java.nio.file.Path;

/** A recording could not be read or processed as asked; the message says which file and why. */
public class SignalException extends IOException {
    private final transient Path file;

    public SignalException(Path file, String message) {
        super(file == null ? message : file + ": " + message);
        this.file = file;
    }

    public SignalException(Path file, String message, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** The file concerned, or null when the problem is not tied to one. */
    public Path file() {
        return file;
    }
}

package io.neurofm.probe.split;

/** A split that would let the test side see what the protocol says it must not (thrown before any fit). */
public final class LeakageException extends IllegalArgumentException {
    public LeakageException(String message) {
        super(message);
    }
}

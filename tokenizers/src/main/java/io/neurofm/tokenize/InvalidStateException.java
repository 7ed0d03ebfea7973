package io.neurofm.tokenize;

/**
 * A tokenizer state whose configuration or tensors do not describe a valid tokenizer. Thrown by
 * the loaders in {@link TokenizerTypes}; {@link TokenizerFiles#load} turns it into a
 * {@link io.neurofm.signal.SignalFormatException} naming the file and the field.
 */
public final class InvalidStateException extends IllegalArgumentException {
    private final String field;
    private final String expected;
    private final String found;

    /**
     * @param field    "config.NAME" or "tensors.NAME"
     * @param expected what a valid state holds there, as a phrase
     * @param found    what this state holds instead ("missing" when absent)
     */
    public InvalidStateException(String field, String expected, String found) {
        super("field '" + field + "': expected " + expected + ", got " + found);
        this.field = field;
        this.expected = expected;
        this.found = found;
    }

    public String field() {
        return field;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}

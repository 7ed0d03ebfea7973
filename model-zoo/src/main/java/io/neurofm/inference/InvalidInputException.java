package io.neurofm.inference;

/**
 * Input the model cannot take, naming the offending field (a JSON path such as {@code input[2].sfreq},
 * a channel name, or a file) and what was expected. The service answers it with 422.
 */
public class InvalidInputException extends IllegalArgumentException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    /** The field, channel or file the problem is in. */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String detail() {
        String m = getMessage();
        return m.substring(field.length() + 2);
    }

    /** The same problem with the field placed under {@code prefix}, e.g. {@code input[3].}. */
    public InvalidInputException within(String prefix) {
        return new InvalidInputException(prefix + field, detail(), this);
    }
}

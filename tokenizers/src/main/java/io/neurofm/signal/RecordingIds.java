package io.neurofm.signal;

/**
 * BIDS-style identifiers; any may be null when unknown. Splits by subject and session rely
 * on these, so readers fill them from the file or the BIDS path and never invent them.
 */
public record RecordingIds(String subject, String session, String run, String task) {
    public static final RecordingIds NONE = new RecordingIds(null, null, null, null);

    public RecordingIds withSubject(String value) {
        return new RecordingIds(value, session, run, task);
    }

    public RecordingIds withSession(String value) {
        return new RecordingIds(subject, value, run, task);
    }
}

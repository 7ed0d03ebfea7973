package io.neurofm.signal.bids;

import io.neurofm.signal.RecordingIds;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One recording of a BIDS dataset.
 *
 * @param root     the dataset root (holds dataset_description.json)
 * @param path     the data file (for BrainVision the .vhdr, for EEGLAB the .set)
 * @param datatype the folder it sits in: eeg, meg, ieeg or func
 */
public record BidsFile(Path root, Path path, String datatype, BidsEntities entities) {
    public BidsFile {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(entities, "entities");
    }

    public String subject() {
        return entities.get("sub");
    }

    /** Null when the dataset has no sessions. */
    public String session() {
        return entities.get("ses");
    }

    public String task() {
        return entities.get("task");
    }

    public String acquisition() {
        return entities.get("acq");
    }

    public String run() {
        return entities.get("run");
    }

    /** eeg, meg, ieeg or bold. */
    public String suffix() {
        return entities.suffix();
    }

    public String extension() {
        return entities.extension();
    }

    /** Subject, session, run and task as the path states them (labels as written, e.g. "01"). */
    public RecordingIds ids() {
        return new RecordingIds(subject(), session(), run(), task());
    }

    /** The path relative to the dataset root, with forward slashes. */
    public String relativePath() {
        return root.relativize(path).toString().replace('\\', '/');
    }
}

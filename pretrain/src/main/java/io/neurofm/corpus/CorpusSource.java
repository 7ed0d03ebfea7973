package io.neurofm.corpus;

import io.neurofm.signal.RecordingIds;
import java.nio.file.Path;

/**
 * One recording of the corpus.
 *
 * @param index position in the manifest's source list; windows refer to it
 * @param label the path as the spec gave it, or for BIDS recordings root-name/relative-path; what the manifest shows
 * @param file  the resolved file
 * @param ids   subject/session as known from the spec, the BIDS path or the file (fields null when unknown)
 */
public record CorpusSource(int index, String label, Path file, RecordingIds ids) {
}

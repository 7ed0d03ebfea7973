package io.neurofm.corpus;

/** How much {@link CorpusLoader#open} checks each shard against the manifest before mapping it. */
public enum Verification {
    /** SHA-256 of every byte (reads each shard once). */
    FULL,
    /** File size only: fast, catches truncation but not flipped bytes. */
    SIZE
}

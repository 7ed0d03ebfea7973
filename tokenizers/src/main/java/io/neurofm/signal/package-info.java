/**
 * The recording contract every stage consumes: {@link io.neurofm.signal.Recording} (samples in SI
 * units with channels, events, ids and provenance), {@link io.neurofm.signal.Volume} for images,
 * and the reader interfaces. One package per file format lives below {@code io.neurofm.signal.io}.
 */
package io.neurofm.signal;

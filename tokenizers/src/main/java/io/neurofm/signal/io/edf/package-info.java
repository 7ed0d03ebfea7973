/**
 * EDF, EDF+ (C and D) and BDF/BDF+ reading ({@link io.neurofm.signal.io.edf.EdfReader}) with
 * MNE 1.3's semantics but native per-channel rates, and streaming 16-bit EDF/EDF+C writing
 * ({@link io.neurofm.signal.io.edf.EdfWriter}). See tokenizers/docs/edf.md.
 */
package io.neurofm.signal.io.edf;

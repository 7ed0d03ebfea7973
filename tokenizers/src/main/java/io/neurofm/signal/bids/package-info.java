/**
 * BIDS datasets: {@link io.neurofm.signal.bids.BidsDataset#scan} finds the EEG, MEG, iEEG and BOLD
 * recordings of a BIDS root with their entities, {@link io.neurofm.signal.bids.BidsSidecars} locates
 * their sidecar files by the BIDS inheritance principle and applies channel types, units,
 * electrode positions, events and identifiers to a {@link io.neurofm.signal.Recording}.
 */
package io.neurofm.signal.bids;

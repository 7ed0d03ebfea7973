/**
 * DeeperBrain style masked EEG encoder: patches embedded from waveform and amplitude spectrum,
 * channels from 3-D electrode positions through a learnable volume-conduction kernel (any channel
 * set, unknown positions allowed), oscillatory/exponential temporal encodings, a pre-LN encoder,
 * masked Smooth-L1 reconstruction and neurodynamics statistics prediction. {@link
 * io.neurofm.family.deeperbrain.DeeperBrainModel} is the {@link io.neurofm.family.Pretrainable}.
 * See model-zoo/docs/deeperbrain.md.
 */
package io.neurofm.family.deeperbrain;

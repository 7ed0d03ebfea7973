/**
 * Our DJL building blocks: {@link io.neurofm.nn.PreLnTransformerLayer} and
 * {@link io.neurofm.nn.TransformerStack} (PyTorch {@code TransformerEncoderLayer(norm_first=True,
 * activation="gelu", batch_first=True)} semantics and state_dict names),
 * {@link io.neurofm.nn.MultiHeadSelfAttention}, positions (learned, rotary, sinusoidal),
 * {@link io.neurofm.nn.PatchEmbedding}, and weight exchange with PyTorch through
 * {@link io.neurofm.nn.StateDict} / {@link io.neurofm.tensor.Safetensors}. See model-zoo/docs/nn.md.
 */
package io.neurofm.nn;

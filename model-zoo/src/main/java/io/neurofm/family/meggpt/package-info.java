/**
 * MEG-GPT style causal foundation model over discrete per-sample tokens: {@link
 * io.neurofm.family.meggpt.MegGptModel} (the {@link io.neurofm.family.Pretrainable}), its network,
 * size presets, the last-K next-token loss, probe embeddings and seeded sampling. See
 * model-zoo/docs/meggpt.md.
 */
package io.neurofm.family.meggpt;

package io.neurofm.train;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which parameters get weight decay, by state-dict name (see {@code io.neurofm.nn.StateDict}).
 *
 * <p>{@link #DEFAULT} exempts, as is usual for transformers (BERT, GPT-2, nanoGPT): every bias
 * (last name segment {@code bias} or ending in {@code _bias}, e.g. {@code in_proj_bias}) and
 * every parameter of a normalisation layer (a path segment that starts with {@code norm},
 * {@code ln} or {@code layernorm}/{@code layer_norm}, e.g. {@code layers.0.norm1.weight},
 * {@code norm.weight}). Everything else (projection matrices, embeddings, position tables)
 * decays.
 */
@FunctionalInterface
public interface DecayRule extends Predicate<String> {

    DecayRule DEFAULT = DecayRule::decayedByDefault;

    /** True when the parameter called {@code name} is decayed. */
    @Override
    boolean test(String name);

    private static boolean decayedByDefault(String name) {
        String[] segments = name.toLowerCase(Locale.ROOT).split("\\.");
        String last = segments[segments.length - 1];
        if (last.equals("bias") || last.endsWith("_bias")) {
            return false;
        }
        for (int i = 0; i < segments.length - 1; i++) {
            String s = segments[i];
            if (s.startsWith("norm") || s.startsWith("ln") || s.startsWith("layernorm") || s.startsWith("layer_norm")) {
                return false;
            }
        }
        return true;
    }
}

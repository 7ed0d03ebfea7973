package io.neurofm.finetune;

import java.util.Locale;

/** Which parameters fine-tuning trains; the classification head is trained in every mode. */
public enum FineTuneMode {
    /** Every backbone parameter that the classification forward uses, plus the head. */
    FULL,
    /** The head only; the backbone is frozen (no gradient, not in the optimizer) and run in inference mode. */
    HEAD,
    /** LoRA adapters on the attention projections plus the head; the backbone's own weights are frozen. */
    LORA;

    public static FineTuneMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be full, head or lora, got '" + s + "'");
        }
    }
}

package io.neurofm.signal.io.edf;

/**
 * Turns the little-endian two's-complement samples of one signal into values in the channel's
 * unit: {@code phys = (dig - digMin) * (physMax - physMin) / (digMax - digMin) + physMin} in
 * double, times the unit's factor to SI.
 *
 * <p>Trigger channels follow MNE 1.3: BDF status samples are taken raw (header scaling ignored),
 * EDF trigger samples are scaled to physical values and truncated to integers, and both keep the
 * low 17 bits ({@code & 0x1FFFF}), which drops BioSemi's system bits (CMS, battery) above bit 16.
 */
final class SampleDecoder {
    static final int STIM_MASK = (1 << 17) - 1;

    enum Mode { SIGNAL, STIM_SCALED, STIM_RAW }

    private final int sampleBytes;
    private final double digitalMin;
    private final double physicalMin;
    private final double physicalRange;
    private final double digitalRange;
    private final double factor;
    private final Mode mode;

    SampleDecoder(EdfSignal signal, int sampleBytes, double factor, Mode mode) {
        this.sampleBytes = sampleBytes;
        this.digitalMin = signal.digitalMin();
        this.physicalMin = signal.physicalMin();
        this.physicalRange = signal.physicalRange();
        this.digitalRange = signal.digitalRange();
        this.factor = factor;
        this.mode = mode;
    }

    /** Decodes {@code count} samples starting at {@code offset} of {@code src} into {@code dst[dstOffset..]}. */
    void decode(byte[] src, int offset, int count, float[] dst, int dstOffset) {
        if (mode == Mode.SIGNAL) {
            decodeSignal(src, offset, count, dst, dstOffset);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = value(digital(src, offset + i * sampleBytes));
        }
    }

    /**
     * The hot loop: {@code (dig - digMin) * gain + physMin} with the gain precomputed, which
     * differs from dividing per sample by at most one double rounding, far below float precision.
     */
    private void decodeSignal(byte[] src, int offset, int count, float[] dst, int dstOffset) {
        double gain = physicalRange / digitalRange * factor;
        double base = physicalMin * factor;
        double dmin = digitalMin;
        if (sampleBytes == 2) {
            for (int i = 0, p = offset; i < count; i++, p += 2) {
                int dig = (short) ((src[p] & 0xFF) | (src[p + 1] << 8));
                dst[dstOffset + i] = (float) ((dig - dmin) * gain + base);
            }
        } else {
            for (int i = 0, p = offset; i < count; i++, p += 3) {
                int dig = (src[p] & 0xFF) | ((src[p + 1] & 0xFF) << 8) | (src[p + 2] << 16);
                dst[dstOffset + i] = (float) ((dig - dmin) * gain + base);
            }
        }
    }

    private int digital(byte[] src, int p) {
        if (sampleBytes == 2) {
            return (short) ((src[p] & 0xFF) | (src[p + 1] << 8));
        }
        return (src[p] & 0xFF) | ((src[p + 1] & 0xFF) << 8) | (src[p + 2] << 16);
    }

    /** One sample; trigger values use the exact multiply-then-divide order before truncation. */
    float value(int dig) {
        if (mode == Mode.STIM_RAW) {
            return dig & STIM_MASK;
        }
        double phys = (dig - digitalMin) * physicalRange / digitalRange + physicalMin;
        if (mode == Mode.STIM_SCALED) {
            return ((long) phys) & STIM_MASK;
        }
        return (float) (phys * factor);
    }
}

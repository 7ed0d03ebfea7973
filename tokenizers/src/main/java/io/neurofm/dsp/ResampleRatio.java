package io.neurofm.dsp;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A rational rate change {@code up / down} in lowest terms, e.g. 160 -> 200 Hz is 5/4 and
 * 256 -> 250 Hz is 125/128.
 */
public record ResampleRatio(int up, int down) {
    /**
     * The largest factor accepted: resample_poly's filter has 20 * max(up, down) + 1 taps, so
     * larger factors mean a filter of millions of taps and almost certainly a rate typo.
     */
    public static final int MAX_FACTOR = 10_000;

    public ResampleRatio {
        if (up < 1 || down < 1) {
            throw new IllegalArgumentException("up and down must be >= 1, got " + up + "/" + down);
        }
        int g = BigInteger.valueOf(up).gcd(BigInteger.valueOf(down)).intValue();
        up /= g;
        down /= g;
    }

    /**
     * The exact ratio between two rates given in decimal (as written: 160, 250, 512.5, 0.5).
     * Rates are read through their shortest decimal form, so 1000.0 / 3 (a repeating fraction)
     * has no exact ratio and is refused rather than approximated silently.
     *
     * @throws IllegalArgumentException if a rate is not positive, has more than 6 decimals, or the
     *                                  reduced factors exceed {@link #MAX_FACTOR}
     */
    public static ResampleRatio of(double fromRate, double toRate) {
        BigDecimal from = decimal(fromRate, "source");
        BigDecimal to = decimal(toRate, "target");
        int scale = Math.max(from.scale(), to.scale());
        BigInteger down = from.movePointRight(scale).toBigIntegerExact();
        BigInteger up = to.movePointRight(scale).toBigIntegerExact();
        BigInteger g = up.gcd(down);
        up = up.divide(g);
        down = down.divide(g);
        if (up.bitLength() > 31 || down.bitLength() > 31 || up.intValue() > MAX_FACTOR
                || down.intValue() > MAX_FACTOR) {
            throw new IllegalArgumentException("resampling " + fromRate + " Hz to " + toRate + " Hz needs the ratio "
                    + up + "/" + down + ", beyond the limit of " + MAX_FACTOR + " for up or down; choose a target "
                    + "rate with a simpler ratio");
        }
        return new ResampleRatio(up.intValue(), down.intValue());
    }

    private static BigDecimal decimal(double rate, String which) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException(which + " rate must be positive and finite, got " + rate);
        }
        BigDecimal d = BigDecimal.valueOf(rate).stripTrailingZeros();
        if (d.scale() > 6) {
            throw new IllegalArgumentException(which + " rate " + rate + " Hz is not a decimal with at most 6 "
                    + "places, so no exact up/down ratio exists; give up and down explicitly");
        }
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** Number of output samples for n input samples: ceil(n * up / down), as resample_poly. */
    public long outputLength(long n) {
        long total = n * up;
        return total / down + (total % down == 0 ? 0 : 1);
    }

    public boolean isIdentity() {
        return up == 1 && down == 1;
    }
}

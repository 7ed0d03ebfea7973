package io.neurofm.signal.io.edf;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal text for EDF's fixed-width numeric header fields and TAL onsets. */
final class EdfNumbers {
    private EdfNumbers() {
    }

    /**
     * The most precise decimal of at most {@code width} characters rounded in the given direction
     * (FLOOR for a physical minimum, CEILING for a maximum, so the range still covers the data),
     * or null when even the integer part does not fit.
     */
    static String fit(double value, RoundingMode mode, int width) {
        BigDecimal exact = new BigDecimal(value);
        for (int scale = width - 1; scale >= 0; scale--) {
            String text = plain(exact.setScale(scale, mode));
            if (text.length() <= width) {
                return text;
            }
        }
        return null;
    }

    /** A TAL time: sign always present, no exponent, no trailing zeros ("+0", "+12.5", "-0.25"). */
    static String signed(BigDecimal seconds) {
        String text = plain(seconds);
        return text.startsWith("-") ? text : "+" + text;
    }

    /** The shortest decimal that reads back as exactly this double, without exponent. */
    static BigDecimal decimal(double value) {
        return new BigDecimal(Double.toString(value));
    }

    static String plain(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }
}

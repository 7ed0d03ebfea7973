package io.neurofm.artifact;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numeric-aware version ordering, like {@code sort -V}: runs of digits compare as numbers and other
 * runs as text, so 2 &lt; 10 and 1.9 &lt; 1.10 &lt; 2.0.0. A version that extends another is
 * later (1.0 &lt; 1.0.1, and also 1.0.0 &lt; 1.0.0-rc1: pre-release tags are not special).
 */
public final class VersionOrder implements Comparator<String> {
    public static final VersionOrder INSTANCE = new VersionOrder();
    private static final Pattern RUN = Pattern.compile("\\d+|\\D+");

    private VersionOrder() {
    }

    @Override
    public int compare(String a, String b) {
        Matcher x = RUN.matcher(a);
        Matcher y = RUN.matcher(b);
        while (true) {
            boolean hasX = x.find();
            boolean hasY = y.find();
            if (!hasX || !hasY) {
                return hasX ? 1 : hasY ? -1 : a.compareTo(b);
            }
            String p = x.group();
            String q = y.group();
            boolean digitsP = Character.isDigit(p.charAt(0));
            boolean digitsQ = Character.isDigit(q.charAt(0));
            int c;
            if (digitsP && digitsQ) {
                c = new BigInteger(p).compareTo(new BigInteger(q));
            } else if (digitsP != digitsQ) {
                c = digitsP ? -1 : 1;
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
    }

    /** The greatest version, or null for none. */
    public static String latest(List<String> versions) {
        return versions.stream().max(INSTANCE).orElse(null);
    }

    /** One more than the largest leading number of any version ("1" when there is none). */
    public static String next(List<String> versions) {
        BigInteger max = BigInteger.ZERO;
        for (String v : versions) {
            Matcher m = Pattern.compile("^\\d+").matcher(v);
            if (m.find()) {
                max = max.max(new BigInteger(m.group()));
            }
        }
        return max.add(BigInteger.ONE).toString();
    }
}

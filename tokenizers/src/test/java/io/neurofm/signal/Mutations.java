package io.neurofm.signal;

import java.util.Arrays;
import java.util.Random;

/** Byte-level mutations that tend to hit header fields: flips, boundary values, truncation, splices. */
final class Mutations {
    private static final byte[][] BOUNDARY = {
        {0}, {(byte) 0xFF}, {(byte) 0x7F}, {(byte) 0x80},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F}, {0, 0, 0, (byte) 0x80},
        "-1".getBytes(), "99999999".getBytes(), "1e308".getBytes(), "NaN".getBytes(), " ".getBytes(),
    };

    private Mutations() {
    }

    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int headerish = Math.min(bytes.length, 4096);
            int where = random.nextInt(10) < 8 ? random.nextInt(headerish) : random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[where] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[where] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] value = BOUNDARY[random.nextInt(BOUNDARY.length)];
                    System.arraycopy(value, 0, bytes, where, Math.min(value.length, bytes.length - where));
                }
                case 3 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                default -> {
                    int from = random.nextInt(bytes.length);
                    int length = Math.min(1 + random.nextInt(64), Math.min(bytes.length - from, bytes.length - where));
                    System.arraycopy(bytes, from, bytes, where, length);
                }
            }
        }
        return bytes;
    }
}

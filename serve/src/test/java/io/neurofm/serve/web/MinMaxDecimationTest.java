package io.neurofm.serve.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MinMaxDecimationTest {
    @Test
    void shortTracesAreNotDecimated() {
        assertEquals(1, MinMaxDecimation.bucketSize(1000, 1000));
        float[] x = {3, 1, 2};
        float[] out = MinMaxDecimation.decimate(x, 1);
        assertArrayEquals(x, out);
        out[0] = 9;
        assertEquals(3, x[0], "a copy, not the caller's array");
    }

    @Test
    void bucketSizeKeepsPointsWithinTheLimit() {
        // 1600 samples into at most 1000 points: 500 buckets of ceil(1600 / 500) = 4 samples.
        assertEquals(4, MinMaxDecimation.bucketSize(1600, 1000));
        for (int n = 2; n < 5000; n += 37) {
            for (int max : new int[] {2, 3, 10, 999, 1000}) {
                int bucket = MinMaxDecimation.bucketSize(n, max);
                int points = bucket == 1 ? n : 2 * ((n + bucket - 1) / bucket);
                assertEquals(true, points <= Math.max(max, 2), n + " samples, " + max + " points: " + points);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MinMaxDecimation.bucketSize(10, 1));
    }

    @Test
    void aOneSampleSpikeSurvives() {
        float[] x = new float[1600];
        x[537] = 5;
        x[1201] = -7;
        float[] out = MinMaxDecimation.decimate(x, 4);
        assertEquals(800, out.length);
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : out) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(5, max);
        assertEquals(-7, min);
    }

    @Test
    void eachBucketGivesItsExtremesInTimeOrderAndTheTailBucketIsShorter() {
        float[] x = {9, 0, 1, 2, /* */ 1, 2, 3, -4, /* */ 6};
        assertArrayEquals(new float[] {9, 0, 3, -4, 6, 6}, MinMaxDecimation.decimate(x, 4));
    }
}

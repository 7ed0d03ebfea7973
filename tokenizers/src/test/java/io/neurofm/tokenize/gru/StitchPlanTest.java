package io.neurofm.tokenize.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StitchPlanTest {
    @Test
    void keptPartsTileEverySequenceExactly() {
        for (int n : new int[] {1, 9, 10, 11, 99, 100, 101, 1000, 1234}) {
            for (int[] wc : new int[][] {{10, 0}, {10, 3}, {10, 9}, {100, 25}}) {
                List<StitchPlan.Window> plan = StitchPlan.of(n, wc[0], wc[1]);
                int covered = 0;
                for (int i = 0; i < plan.size(); i++) {
                    StitchPlan.Window w = plan.get(i);
                    assertEquals(covered, w.keptStart(), "n=" + n + " window " + i);
                    assertEquals(i == 0 ? 0 : wc[1], w.keepFrom());
                    assertTrue(w.length() <= wc[0] && w.keptEnd() > w.keptStart());
                    covered = w.keptEnd();
                }
                assertEquals(n, covered, "n=" + n);
            }
        }
        assertTrue(StitchPlan.of(0, 10, 3).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> StitchPlan.of(100, 10, 10));
    }

    @Test
    void paddingSplitsFollowPyTorch() {
        // conv1d(padding="same") pads (K-1)//2 before and the rest after; causal pads K-1 before.
        assertEquals(4, DecoderPadding.SAME.left(10));
        assertEquals(5, DecoderPadding.SAME.right(10));
        assertEquals(4, DecoderPadding.SAME.left(9));
        assertEquals(4, DecoderPadding.SAME.right(9));
        assertEquals(9, DecoderPadding.CAUSAL.left(10));
        assertEquals(0, DecoderPadding.CAUSAL.right(10));
    }
}

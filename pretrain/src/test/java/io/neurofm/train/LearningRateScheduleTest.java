package io.neurofm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    private final LearningRateSchedule schedule = new LearningRateSchedule(1.0, 4, 14, 0.1);

    @Test
    void warmupRampsLinearlyToThePeak() {
        assertEquals(0.25, schedule.valueAt(0), 1e-15);
        assertEquals(0.5, schedule.valueAt(1), 1e-15);
        assertEquals(1.0, schedule.valueAt(3), 1e-15);
    }

    @Test
    void cosineDecaysFromThePeakToTheFinalValue() {
        assertEquals(1.0, schedule.valueAt(4), 1e-15);
        // halfway through the 10 decay steps: cos(pi/2) = 0, so the midpoint of peak and final
        assertEquals(0.55, schedule.valueAt(9), 1e-15);
        // step 6 is 2/10 of the decay: 0.1 + 0.9 * (1 + cos(0.2 pi)) / 2
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 0.2)), schedule.valueAt(6), 1e-15);
        assertEquals(0.1, schedule.valueAt(14), 1e-15);
        assertEquals(0.1, schedule.valueAt(1000), 1e-15);
    }

    @Test
    void isMonotoneAfterWarmup() {
        for (long s = 4; s < 20; s++) {
            assertEquals(true, schedule.valueAt(s + 1) <= schedule.valueAt(s), "step " + s);
        }
    }

    @Test
    void constantAndNoWarmup() {
        LearningRateSchedule c = LearningRateSchedule.constant(0.02);
        assertEquals(0.02, c.valueAt(0), 0);
        assertEquals(0.02, c.valueAt(99), 0);
        LearningRateSchedule noWarmup = new LearningRateSchedule(2.0, 0, 2, 0.0);
        assertEquals(2.0, noWarmup.valueAt(0), 1e-15);
        assertEquals(1.0, noWarmup.valueAt(1), 1e-15);
        assertEquals(0.0, noWarmup.valueAt(2), 1e-15);
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 3, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> schedule.valueAt(-1));
    }
}

package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.dsp.ChannelQualityReport.Problem;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad-channel detection on real EEG, clean and with injected NaN, flat and clipped channels. */
class ChannelQualityTest {
    @Test
    void realEegIsClean() throws Exception {
        for (String input : new String[] {"eegmmidb", "brux2", "vhdr"}) {
            ChannelQualityReport report = ChannelQuality.checkDefault(DspGolden.recording(input));
            assertTrue(report.isClean(), input + ": " + report);
            report.requireClean();
            assertEquals(DspGolden.names(input), report.checked());
        }
    }

    @Test
    void findsNanFlatAndClippedChannels() {
        Recording r = FiltersTest.withExtraChannels(DspGolden.recording("eegmmidb"));
        float[][] s = r.samples();
        s[1][10] = Float.NaN;
        s[1][20] = Float.POSITIVE_INFINITY;
        java.util.Arrays.fill(s[3], 2e-5f);
        // clip channel 6 at 60% of its own range: everything beyond sits at the rails
        float max = Float.NEGATIVE_INFINITY;
        for (float v : s[6]) {
            max = Math.max(max, Math.abs(v));
        }
        float rail = 0.3f * max;
        for (int t = 0; t < s[6].length; t++) {
            s[6][t] = Math.max(-rail, Math.min(rail, s[6][t]));
        }
        Recording bad = r.withSamples(s, Transform.of("test", "inject", "nan, flat, clip"));
        ChannelQualityReport report = ChannelQuality.checkDefault(bad);
        assertEquals(List.of(r.channel(1).name(), r.channel(3).name(), r.channel(6).name()), report.badNames());
        assertEquals(List.of(Problem.NON_FINITE), report.bad().get(0).problems());
        assertTrue(report.bad().get(0).details().get(0).contains("2 NaN/Inf samples, first at sample 10"));
        assertEquals(List.of(Problem.FLAT), report.bad().get(1).problems());
        assertEquals(List.of(Problem.CLIPPED), report.bad().get(2).problems());
        assertTrue(!report.checked().contains("STI 014"), "trigger channels are not judged");
        SignalException e = assertThrows(SignalException.class, report::requireClean);
        for (String name : report.badNames()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}

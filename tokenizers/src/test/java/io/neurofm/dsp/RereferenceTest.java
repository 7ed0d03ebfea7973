package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Re-referencing against MNE's set_eeg_reference (with a bad channel) on real EEG. */
class RereferenceTest {
    @Test
    void matchesMneAverageAndSingleChannelReference() throws Exception {
        Recording r = DspGolden.recording("eegmmidb");
        for (JsonNode c : DspGolden.ROOT.get("reref")) {
            List<String> bads = new ArrayList<>();
            c.get("bads").forEach(b -> bads.add(b.asString()));
            String ref = c.get("ref").asString();
            Recording out = ref.equals("average") ? Rereference.average(r, bads) : Rereference.toChannel(r, ref, bads);
            Golden.assertMatches(c.get("out"), out.samples(), 1e-6);
            int bad = r.indexOf(bads.get(0));
            assertArrayEquals(r.channelData(bad), out.channelData(bad), "bad channel left as it was");
            if (!ref.equals("average")) {
                for (float v : out.channelData(out.indexOf(ref))) {
                    assertEquals(0f, v, "the reference channel stays and is zero");
                }
            }
        }
    }

    @Test
    void averageOfGoodChannelsIsZeroAfterwards() throws Exception {
        Recording out = Rereference.average(DspGolden.recording("eegmmidb"), List.of());
        for (int t = 0; t < out.sampleCount(); t++) {
            double sum = 0;
            for (int c = 0; c < out.channelCount(); c++) {
                sum += out.sample(c, t);
            }
            assertEquals(0, sum / out.channelCount(), 1e-12);
        }
        Recording withStim = FiltersTest.withExtraChannels(DspGolden.recording("eegmmidb"));
        Recording ref = Rereference.average(withStim, List.of());
        int stim = withStim.indexOf("STI 014");
        assertArrayEquals(withStim.channelData(stim), ref.channelData(stim));
    }

    @Test
    void unknownOrBadReferenceChannelsAreNamed() {
        Recording r = DspGolden.recording("eegmmidb");
        SignalException e = assertThrows(SignalException.class, () -> Rereference.average(r, List.of("Nope")));
        assertTrue(e.getMessage().contains("Nope"), e.getMessage());
        e = assertThrows(SignalException.class, () -> Rereference.toChannel(r, "Cz", List.of()));
        assertTrue(e.getMessage().contains("Cz"), e.getMessage());
        String first = r.channel(0).name();
        e = assertThrows(SignalException.class, () -> Rereference.toChannel(r, first, List.of(first)));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }
}

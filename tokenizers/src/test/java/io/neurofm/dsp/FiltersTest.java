package io.neurofm.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Recording-level filter and resampling wrappers: scipy values, untouched STIM/MISC, provenance. */
class FiltersTest {
    @Test
    void recordingFiltersMatchScipyWithinFloatPrecision() throws Exception {
        Recording r = DspGolden.recording("eegmmidb");
        for (JsonNode c : DspGolden.ROOT.get("filters")) {
            if (!c.get("kind").asString().equals("sosfiltfilt")) {
                continue;
            }
            Recording out = Filters.butterworth(r, c.get("order").asInt(), FilterType.parse(c.get("btype").asString()),
                    DspGolden.vector(c.get("cutoff")));
            Golden.assertMatches(c.get("out"), out.samples(), 1e-6);
            Transform last = out.provenance().get(out.provenance().size() - 1);
            assertEquals("filter", last.operation());
            assertEquals(c.get("btype").asString(), last.parameters().get("type"));
            assertEquals(c.get("order").asString(), last.parameters().get("order"));
        }
        for (JsonNode c : DspGolden.ROOT.get("notch")) {
            Recording in = DspGolden.recording(c.get("input").asString());
            Recording out = Filters.notch(in, c.get("freq").asDouble(), c.get("q").asDouble(),
                    c.get("harmonics").asBoolean());
            Golden.assertMatches(c.get("out"), out.samples(), 1e-6);
        }
    }

    @Test
    void stimAndMiscChannelsAreNotFiltered() throws Exception {
        Recording r = withExtraChannels(DspGolden.recording("eegmmidb"));
        Recording out = Filters.bandpass(r, 1, 40, 4);
        int stim = out.indexOf("STI 014");
        int misc = out.indexOf("MISC");
        assertArrayEquals(r.channelData(stim), out.channelData(stim));
        assertArrayEquals(r.channelData(misc), out.channelData(misc));
        // up-sampling holds each code over the span its input sample covered: sample k at 160 Hz
        // covers [k/160, (k+1)/160), which holds 200 Hz samples ceil(k*5/4) .. ceil((k+1)*5/4) - 1
        float[] up = Resampling.resample(r, 200).channelData(r.indexOf("STI 014"));
        assertEquals(List.of(125, 126, 625, 626, 1250, 1251), nonZero(up));
        assertEquals(3f, up[125]);
        assertEquals(5f, up[626]);
        assertEquals(7f, up[1251]);
        // down-sampling keeps every trigger exactly once, at the output sample whose span holds it
        float[] down = Resampling.resample(r, 128).channelData(r.indexOf("STI 014"));
        assertEquals(List.of(80, 400, 800), nonZero(down));
        assertEquals(3f, down[80]);
        assertEquals(5f, down[400]);
        assertEquals(7f, down[800]);
    }

    private static List<Integer> nonZero(float[] x) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < x.length; t++) {
            if (x[t] != 0) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void nonFiniteSamplesAreRefusedByName() {
        Recording r = DspGolden.recording("eegmmidb");
        float[][] s = r.samples();
        s[5][100] = Float.NaN;
        Recording bad = r.withSamples(s, Transform.of("test", "nan", "injected"));
        SignalException e = assertThrows(SignalException.class, () -> Filters.lowpass(bad, 30, 4));
        assertTrue(e.getMessage().contains(r.channel(5).name()) && e.getMessage().contains("sample 100"),
                e.getMessage());
        assertThrows(SignalException.class, () -> Resampling.resample(bad, 200));
        assertThrows(SignalException.class, () -> Filters.notch(bad, 50, 30, false));
    }

    @Test
    void tooShortRecordingGivesAClearError() {
        Recording r = DspGolden.recording("eegmmidb");
        float[][] s = new float[r.channelCount()][20];
        Recording shortRec = r.withSamples(s, Transform.of("test", "cut", "20"));
        SignalException e = assertThrows(SignalException.class, () -> Filters.bandpass(shortRec, 1, 40, 4));
        assertTrue(e.getMessage().contains("20 samples"), e.getMessage());
        e = assertThrows(SignalException.class, () -> Filters.lowpass(r, 90, 4));
        assertTrue(e.getMessage().contains("fs/2"), e.getMessage());
        e = assertThrows(SignalException.class, () -> Resampling.resample(r, 1000.0 / 3));
        assertTrue(e.getMessage().contains("up and down"), e.getMessage());
    }

    /** The recording plus a trigger channel with three events and a MISC channel. */
    static Recording withExtraChannels(Recording r) {
        List<Channel> channels = new ArrayList<>(r.channels());
        channels.add(Channel.of("STI 014", ChannelType.STIM, r.samplingRate()));
        channels.add(Channel.of("MISC", ChannelType.MISC, r.samplingRate()));
        float[][] s = r.samples();
        float[][] all = new float[s.length + 2][];
        System.arraycopy(s, 0, all, 0, s.length);
        float[] stim = new float[r.sampleCount()];
        stim[100] = 3;
        stim[500] = 5;
        stim[1000] = 7;
        all[s.length] = stim;
        all[s.length + 1] = s[0].clone();
        return new Recording(channels, all, r.samplingRate(), r.annotations(), r.ids(), null, 0, r.provenance());
    }
}

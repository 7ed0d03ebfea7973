package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChannelMapperTest {
    /**
     * End to end against MNE: 30 PhysioNet channels under their EDF labels ("Fc5."), positioned
     * from the 10-10 table, mapped to a 33-channel model; C3, Cz, Pz interpolated as
     * raw.interpolate_bads(origin='auto') does.
     */
    @Test
    void interpolationMatchesMne() throws Exception {
        JsonNode golden = Golden.load("montage_interpolation");
        Recording recording = goldenRecording(golden);
        Montage.Applied placed = Montage.applyStandard(recording, StandardMontage.TEN_TEN);
        assertEquals(30, placed.placed().size());
        List<String> model = strings(golden.get("model_channels"));

        ChannelPlan plan = ChannelMapper.plan(placed.recording().channels(), model);
        assertEquals(strings(golden.get("targets")), plan.missing());
        assertEquals(30, plan.matched().size());
        assertTrue(plan.extra().isEmpty());
        assertEquals(recording.channelNames().indexOf("Fc5."), plan.matched().get("FC5"));

        Recording out = ChannelMapper.apply(placed.recording(), plan, MissingPolicy.INTERPOLATE);
        assertEquals(model, out.channelNames());
        float[][] samples = out.samples();
        Golden.assertMatches(golden.get("data"), samples, 1e-6);
        System.out.printf("interpolated channels vs MNE: max error / channel peak = %.3g%n",
                worstRelativeError(golden, model, samples));

        for (String target : strings(golden.get("targets"))) {
            Channel c = out.channel(model.indexOf(target));
            assertEquals(ChannelType.EEG, c.type());
            assertEquals("V", c.unit());
            assertEquals(StandardMontage.TEN_TEN.position(target).orElseThrow(), c.position());
        }
        Transform step = out.provenance().get(out.provenance().size() - 1);
        assertEquals("channel-mapping", step.operation());
        assertEquals("interpolate", step.parameters().get("policy"));
        assertEquals("C3,Cz,Pz", step.parameters().get("interpolated"));
        assertEquals("C3,Cz,Pz", step.parameters().get("missing"));
        assertTrue(step.parameters().get("matched").startsWith("Fp1<-Fp1.,"), step.parameters().get("matched"));
        assertTrue(step.parameters().get("method").contains("spherical spline"));
    }

    @Test
    void refuseNamesTheMissingChannels() throws Exception {
        Recording recording = TestRecordings.counting(List.of("Fc5.", "Cz..", "O1.."), 10);
        ChannelPlan plan = ChannelMapper.plan(recording.channels(), List.of("Cz", "C3", "O1", "Pz"));
        assertEquals(List.of("C3", "Pz"), plan.missing());
        SignalException e = assertThrows(SignalException.class,
                () -> ChannelMapper.apply(recording, plan, MissingPolicy.REFUSE));
        assertTrue(e.getMessage().contains("[C3, Pz]"), e.getMessage());
    }

    @Test
    void completePlanReordersAndRenamesWithoutChangingSamples() throws Exception {
        Recording recording = TestRecordings.counting(List.of("EEG FP1-REF", "EEG T3-REF", "ECG", "EEG CZ-REF"), 7);
        ChannelPlan plan = ChannelMapper.plan(recording.channels(), List.of("Cz", "T7", "Fp1"));
        assertEquals(Map.of("Cz", 3, "T7", 1, "Fp1", 0), plan.matched());
        assertEquals(List.of(2), plan.extra());
        assertEquals(List.of("ECG"), plan.extraNames());
        for (MissingPolicy policy : MissingPolicy.values()) {
            Recording out = ChannelMapper.apply(recording, plan, policy);
            assertEquals(List.of("Cz", "T7", "Fp1"), out.channelNames());
            assertArrayEquals(recording.channelData(3), out.channelData(0));
            assertArrayEquals(recording.channelData(1), out.channelData(1));
            assertArrayEquals(recording.channelData(0), out.channelData(2));
            assertEquals("ECG", out.provenance().get(1).parameters().get("extra"));
        }
    }

    @Test
    void ambiguousRecordingChannelsAreRefused() {
        Recording recording = TestRecordings.counting(List.of("T3", "T7", "Cz"), 5);
        SignalException e = assertThrows(SignalException.class,
                () -> ChannelMapper.plan(recording.channels(), List.of("T7", "Cz")));
        assertTrue(e.getMessage().contains("'T3'") && e.getMessage().contains("'T7'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ChannelMapper.plan(recording.channels(), List.of("T4", "T8")));
    }

    @Test
    void interpolationNeedsPositionsOfSources() throws Exception {
        Recording recording = TestRecordings.counting(List.of("Fp1", "Fp2", "O1", "O2", "T7", "T8"), 5);
        ChannelPlan plan = ChannelMapper.plan(recording.channels(), List.of("Fp1", "Fp2", "O1", "O2", "T7", "T8", "Cz"));
        SignalException e = assertThrows(SignalException.class,
                () -> ChannelMapper.apply(recording, plan, MissingPolicy.INTERPOLATE));
        assertTrue(e.getMessage().contains("no position") && e.getMessage().contains("Fp1"), e.getMessage());
    }

    @Test
    void interpolationNeedsAPositionForEachTarget() throws Exception {
        Recording recording = Montage.applyStandard(
                TestRecordings.counting(List.of("Fp1", "Fp2", "O1", "O2", "T7", "T8"), 5), StandardMontage.TEN_TEN)
                .recording();
        List<String> model = List.of("Fp1", "Fp2", "O1", "O2", "T7", "T8", "Cz", "X9");
        ChannelPlan plan = ChannelMapper.plan(recording.channels(), model);
        SignalException e = assertThrows(SignalException.class,
                () -> ChannelMapper.apply(recording, plan, MissingPolicy.INTERPOLATE));
        assertTrue(e.getMessage().contains("[X9]"), e.getMessage());

        Position x9 = new Position(0.0, -0.02, 0.13);
        Recording out = ChannelMapper.apply(recording, plan, MissingPolicy.INTERPOLATE, Map.of("X9", x9));
        assertEquals(model, out.channelNames());
        assertEquals(x9, out.channel(7).position());
        assertTrue(out.channel(6).hasPosition());
    }

    /** A constant potential interpolates to that constant: nothing is zero-filled or rescaled. */
    @Test
    void interpolatingAConstantFieldGivesTheConstant() throws Exception {
        List<String> names = List.of("Fp1", "Fp2", "F7", "F8", "T7", "T8", "P7", "P8", "O1", "O2");
        float[][] samples = new float[names.size()][4];
        for (float[] row : samples) {
            java.util.Arrays.fill(row, 2.5e-5f);
        }
        Recording recording = Montage.applyStandard(TestRecordings.eeg(names, samples, 128),
                StandardMontage.TEN_TWENTY).recording();
        List<String> model = new ArrayList<>(names);
        model.add("Cz");
        Recording out = ChannelMapper.apply(recording, ChannelMapper.plan(recording.channels(), model),
                MissingPolicy.INTERPOLATE);
        for (float v : out.channelData(model.indexOf("Cz"))) {
            assertEquals(2.5e-5, v, 1e-12);
        }
    }

    @Test
    void planMustFitTheRecording() throws Exception {
        Recording a = TestRecordings.counting(List.of("Cz", "Pz"), 3);
        Recording b = TestRecordings.counting(List.of("Pz", "Cz"), 3);
        ChannelPlan plan = ChannelMapper.plan(a.channels(), List.of("Cz"));
        assertThrows(IllegalArgumentException.class, () -> ChannelMapper.apply(b, plan, MissingPolicy.REFUSE));
    }

    static Recording goldenRecording(JsonNode golden) {
        List<String> names = strings(golden.get("source_edf_names"));
        JsonNode input = golden.get("input");
        float[][] samples = new float[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            JsonNode row = input.get(c);
            samples[c] = new float[row.size()];
            for (int i = 0; i < row.size(); i++) {
                samples[c][i] = (float) row.get(i).asDouble();
            }
        }
        return TestRecordings.eeg(names, samples, golden.get("sampling_rate").asDouble());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asString());
        }
        return out;
    }

    private static double worstRelativeError(JsonNode golden, List<String> model, float[][] samples) {
        JsonNode head = golden.get("data").get("head");
        double worst = 0;
        for (String target : strings(golden.get("targets"))) {
            int c = model.indexOf(target);
            double peak = 0;
            double err = 0;
            for (int i = 0; i < head.get(c).size(); i++) {
                double e = head.get(c).get(i).asDouble();
                peak = Math.max(peak, Math.abs(e));
                err = Math.max(err, Math.abs(e - samples[c][i]));
            }
            worst = Math.max(worst, err / peak);
        }
        return worst;
    }
}

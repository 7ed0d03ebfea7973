package io.neurofm.signal.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import io.neurofm.signal.Volume;
import io.neurofm.signal.io.nifti.AtlasTimeSeries.EmptyRois;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** ROI mean time courses against the numpy reference in tools/golden/make_nifti_golden.py, and by hand. */
class AtlasTimeSeriesTest {
    private static Volume aal;
    private static AtlasLabels aalLabels;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadAtlas() throws IOException {
        aal = new NiftiReader().read(TestData.file("mri/aal.nii.gz"));
        aalLabels = AtlasLabels.read(TestData.file("mri/aal.nii.txt"));
    }

    private static JsonNode golden(String functional) {
        for (JsonNode c : Golden.load("nifti_atlas").get("cases")) {
            if (c.get("functional").asString().equals(functional)) {
                return c;
            }
        }
        throw new AssertionError("no golden case for " + functional);
    }

    @Test
    void aalTableParses() {
        assertEquals(Golden.load("nifti_atlas").get("label_count").asInt(), aalLabels.size());
        assertEquals(new AtlasLabels.Label(1, "Precentral_L"), aalLabels.labels().get(0));
        assertEquals(new AtlasLabels.Label(116, "Vermis_10"), aalLabels.labels().get(115));
    }

    @Test
    void normalisedFunctionalMatchesReference() throws IOException {
        JsonNode g = golden("fmri/nibabel_functional.nii");
        Volume fmri = new NiftiReader().read(TestData.file("fmri/nibabel_functional.nii"));
        Recording r = AtlasTimeSeries.compute(fmri, aal, aalLabels, EmptyRois.DROP, OpenOptions.DEFAULT);
        assertMatches(g, r);
        Transform step = r.provenance().get(r.provenance().size() - 1);
        assertEquals("atlas_roi_mean", step.operation());
        List<String> missing = new ArrayList<>();
        g.get("missing").forEach(n -> missing.add(n.asString()));
        assertEquals(String.join(",", missing), step.parameters().get("dropped"));
        assertEquals("nearest neighbour through affines", step.parameters().get("grid"));
        assertEquals("read", r.provenance().get(0).operation());

        SignalException e = assertThrows(SignalException.class,
                () -> AtlasTimeSeries.compute(fmri, aal, aalLabels, EmptyRois.FAIL, OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains(missing.size() + " atlas regions") && e.getMessage().contains(missing.get(0))
                && e.getMessage().contains(missing.get(missing.size() - 1)), e.getMessage());
    }

    @Test
    void streamingAFileRangeEqualsTheInMemoryResult() throws IOException {
        Path file = TestData.file("fmri/nibabel_functional.nii");
        NiftiReader reader = new NiftiReader();
        Recording whole = AtlasTimeSeries.compute(reader.read(file), aal, aalLabels, EmptyRois.DROP,
                OpenOptions.DEFAULT);
        Recording streamed = AtlasTimeSeries.compute(reader, file, 4, 10, aal, aalLabels, EmptyRois.DROP,
                OpenOptions.DEFAULT);
        Recording range = AtlasTimeSeries.compute(reader.read(file, 4, 10), aal, aalLabels, EmptyRois.DROP,
                OpenOptions.DEFAULT);
        assertEquals(whole.channelNames(), streamed.channelNames());
        for (int c = 0; c < whole.channelCount(); c++) {
            float[] expected = Arrays.copyOfRange(whole.channelData(c), 4, 14);
            assertArrayEquals(expected, streamed.channelData(c));
            assertArrayEquals(expected, range.channelData(c));
        }
        assertEquals(4 * 2.0, streamed.startSeconds(), 1e-12);
        assertEquals(4 * 2.0, range.startSeconds(), 1e-12);
        assertEquals("4..13", streamed.provenance().get(0).parameters().get("volumes"));
    }

    @Test
    void imageOutsideTheAtlasBrainIsRefused() throws IOException {
        JsonNode g = golden("fmri/fmri1.nii.gz");
        assertEquals(0, g.get("names").size(), "reference: fmri1 is in scanner space, outside every AAL region");
        Volume fmri = new NiftiReader().read(TestData.file("fmri/fmri1.nii.gz"));
        SignalException e = assertThrows(SignalException.class,
                () -> AtlasTimeSeries.compute(fmri, aal, aalLabels, EmptyRois.DROP, OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("same space") && e.getMessage().contains("the image covers x ")
                && e.getMessage().contains("the atlas's labelled voxels x ")
                && e.getMessage().contains("register the image"), e.getMessage());
        // Streaming from the file also knows the header's space code (nibabel: sform_code 1).
        SignalException streamed = assertThrows(SignalException.class,
                () -> AtlasTimeSeries.compute(new NiftiReader(), TestData.file("fmri/fmri1.nii.gz"), 0, 40, aal,
                        aalLabels, EmptyRois.DROP, OpenOptions.DEFAULT));
        assertTrue(streamed.getMessage().contains("sform, code 1 = scanner anatomical"), streamed.getMessage());
    }

    @Test
    void sameGridMeansByHand() throws SignalException {
        double[][] affine = {{2, 0, 0, -1}, {0, 2, 0, 0}, {0, 0, 2, 5}, {0, 0, 0, 1}};
        // 2x2x1 voxels, 3 volumes: voxel values v + 10 t
        float[] data = new float[12];
        for (int t = 0; t < 3; t++) {
            for (int v = 0; v < 4; v++) {
                data[t * 4 + v] = v + 10 * t;
            }
        }
        Volume fmri = new Volume(new int[] {2, 2, 1, 3}, new double[] {2, 2, 2}, 0.5, affine, data, List.of());
        Volume atlas = new Volume(new int[] {2, 2, 1, 1}, new double[] {2, 2, 2}, Double.NaN, affine,
                new float[] {3, 3, 7, 0}, List.of());
        Recording r = AtlasTimeSeries.compute(fmri, atlas, null, EmptyRois.FAIL, OpenOptions.DEFAULT);
        assertEquals(List.of("label 3", "label 7"), r.channelNames());
        assertArrayEquals(new float[] {0.5f, 10.5f, 20.5f}, r.channelData(0));
        assertArrayEquals(new float[] {2f, 12f, 22f}, r.channelData(1));
        assertEquals(2.0, r.samplingRate(), 0);
        assertEquals(ChannelType.FMRI_ROI, r.channel(0).type());
        assertEquals("a.u.", r.channel(0).unit());
        assertNull(r.channel(0).position());
        assertEquals("same as functional", r.provenance().get(0).parameters().get("grid"));

        Recording named = AtlasTimeSeries.compute(fmri, atlas,
                new AtlasLabels(List.of(new AtlasLabels.Label(7, "B"), new AtlasLabels.Label(3, "A"))),
                EmptyRois.FAIL, OpenOptions.withRepetitionTime(4));
        assertEquals(List.of("B", "A"), named.channelNames(), "table order");
        assertEquals(0.25, named.samplingRate(), 0);

        SignalException unnamed = assertThrows(SignalException.class, () -> AtlasTimeSeries.compute(fmri, atlas,
                new AtlasLabels(List.of(new AtlasLabels.Label(3, "A"))), EmptyRois.FAIL, OpenOptions.DEFAULT));
        assertTrue(unnamed.getMessage().contains("[7]"), unnamed.getMessage());

        Volume noTr = new Volume(fmri.dims(), fmri.voxelSize(), Double.NaN, affine, fmri.data(), List.of());
        assertThrows(SignalException.class,
                () -> AtlasTimeSeries.compute(noTr, atlas, null, EmptyRois.FAIL, OpenOptions.DEFAULT));
        Volume fractional = new Volume(atlas.dims(), atlas.voxelSize(), Double.NaN, affine,
                new float[] {1, 1.5f, 0, 0}, List.of());
        SignalException notLabels = assertThrows(SignalException.class,
                () -> AtlasTimeSeries.compute(fmri, fractional, null, EmptyRois.FAIL, OpenOptions.DEFAULT));
        assertTrue(notLabels.getMessage().contains("(1, 0, 0)"), notLabels.getMessage());
    }

    @Test
    void shiftedGridResamplesThroughWorldCoordinates() throws SignalException {
        // functional 2x1x1 at 4 mm; atlas 4x1x1 at 2 mm sharing the origin: functional voxel i sits on atlas voxel 2i
        double[][] func = {{4, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 1}};
        double[][] atl = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};
        Volume fmri = new Volume(new int[] {2, 1, 1, 2}, new double[] {4, 4, 4}, 1, func,
                new float[] {1, 2, 3, 4}, List.of());
        Volume atlas = new Volume(new int[] {4, 1, 1, 1}, new double[] {2, 2, 2}, Double.NaN, atl,
                new float[] {5, 6, 6, 5}, List.of());
        Recording r = AtlasTimeSeries.compute(fmri, atlas, null, EmptyRois.DROP, OpenOptions.DEFAULT);
        assertEquals(List.of("label 5", "label 6"), r.channelNames());
        assertArrayEquals(new float[] {1, 3}, r.channelData(0));
        assertArrayEquals(new float[] {2, 4}, r.channelData(1));
    }

    @Test
    void labelTableErrorsNameLineAndColumn() throws IOException {
        Path bad = Files.writeString(tmp.resolve("labels.txt"), "1 A 2001\r\n\r\nx B 2002\r\n");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> AtlasLabels.read(bad));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("column 1"), e.getMessage());
        Path dup = Files.writeString(tmp.resolve("dup.txt"), "1 A\n2 A\n");
        e = assertThrows(SignalFormatException.class, () -> AtlasLabels.read(dup));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("also on line 1"), e.getMessage());
        Path zero = Files.writeString(tmp.resolve("zero.txt"), "0 Background\n");
        assertThrows(SignalFormatException.class, () -> AtlasLabels.read(zero));
    }

    private static void assertMatches(JsonNode g, Recording r) {
        List<String> names = new ArrayList<>();
        g.get("names").forEach(n -> names.add(n.asString()));
        assertEquals(names, r.channelNames());
        assertEquals(1.0 / g.get("tr_seconds").asDouble(), r.samplingRate(), 1e-12);
        JsonNode means = g.get("means");
        for (int c = 0; c < names.size(); c++) {
            JsonNode row = means.get(c);
            assertEquals(row.size(), r.sampleCount());
            for (int t = 0; t < row.size(); t++) {
                double e = row.get(t).asDouble();
                assertEquals(e, r.sample(c, t), 1e-6 * Math.abs(e), names.get(c) + " volume " + t);
            }
        }
    }
}

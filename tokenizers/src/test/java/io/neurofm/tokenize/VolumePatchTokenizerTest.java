package io.neurofm.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Volume;
import io.neurofm.signal.io.nifti.NiftiReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The Colin27 template ch2.nii.gz (181 x 217 x 181 at 1 mm). */
class VolumePatchTokenizerTest {
    private static final int[] GRID = {96, 96, 96};
    private static Volume ch2;

    @BeforeAll
    static void read() throws Exception {
        ch2 = new NiftiReader().read(TestData.file("mri/ch2.nii.gz"));
    }

    /** A tokenizer with the given grid, 16^3 patches (8^3 for small grids) and no intensity change. */
    private static VolumePatchTokenizer unscaled(int nx, int ny, int nz) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putArray("grid").add(nx).add(ny).add(nz);
        config.put("patch_size", Math.min(16, Math.min(nx, Math.min(ny, nz))));
        config.put("median", 0.0);
        config.put("iqr", 1.0);
        return VolumePatchTokenizer.fromState(new TokenizerState("smri", config, Map.of()));
    }

    @Test
    void trilinearResamplingMatchesTorchInterpolate() {
        JsonNode golden = Golden.load("tokenize_volume_grid");
        VolumeGrid grid = VolumeGrid.resample(ch2, GRID);
        float[] values = grid.values();
        double worst = 0;
        for (int s = 0; s < golden.get("spots").size(); s++) {
            JsonNode spot = golden.get("spots").get(s);
            int i = spot.get(0).asInt();
            int j = spot.get(1).asInt();
            int k = spot.get(2).asInt();
            double expected = golden.get("values").get(s).asDouble();
            double actual = values[i + 96 * (j + 96 * k)];
            worst = Math.max(worst, Math.abs(actual - expected));
            assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), "voxel " + i + "," + j + "," + k);
        }
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        assertEquals(golden.get("sum").asDouble(), sum, 1e-6 * golden.get("sum").asDouble());
        System.out.printf("96^3 trilinear vs torch: max |error| %.3g over %d voxels%n", worst,
                golden.get("spots").size());
    }

    @Test
    void patchesComeFromTheNormalisedGridAndCentresFromTheAffine() throws Exception {
        VolumePatchTokenizer tokenizer = VolumePatchTokenizer.fit(List.of(ch2), GRID, 16);
        VolumePatches patches = tokenizer.encode(ch2);
        assertEquals(216, patches.count(), "(96 / 16)^3");
        assertEquals(4096, patches.dimension());
        float[] grid = VolumeGrid.resample(ch2, GRID).values();
        int p = 2 + 6 * (3 + 6 * 1);
        assertArrayEquals(new int[] {2, 3, 1}, patches.gridIndex()[p]);
        for (int[] d : new int[][] {{0, 0, 0}, {5, 9, 13}, {15, 15, 15}}) {
            float raw = grid[(32 + d[0]) + 96 * ((48 + d[1]) + 96 * (16 + d[2]))];
            assertEquals((raw - tokenizer.median()) / tokenizer.iqr(), patches.values()[p][d[0] + 16 * (d[1] + 16 * d[2])],
                    1e-6);
        }
        double[][] a = ch2.affine();
        int[] n = {181, 217, 181};
        int[] first = {32, 48, 16};
        for (int r = 0; r < 3; r++) {
            double world = a[r][3];
            for (int axis = 0; axis < 3; axis++) {
                double centreOnGrid = first[axis] + 7.5;
                world += a[r][axis] * ((centreOnGrid + 0.5) * n[axis] / 96.0 - 0.5);
            }
            assertEquals(world, patches.centres()[p][r], 1e-9, "axis " + r);
        }
        assertTrue(tokenizer.iqr() > 0 && tokenizer.median() > 0, "foreground statistics of a T1 template");
    }

    @Test
    void onItsOwnGridPatchesIndexTheOriginalVoxels() {
        VolumePatchTokenizer identity = unscaled(181, 217, 181);
        VolumePatches patches;
        try {
            patches = identity.encode(ch2);
        } catch (SignalException e) {
            throw new AssertionError(e);
        }
        assertEquals(11 * 13 * 11, patches.count(), "voxels past the last whole cube are dropped");
        int p = 2 + 11 * (3 + 13 * 4);
        assertEquals(ch2.value(32 + 5, 48 + 6, 64 + 7, 0), patches.values()[p][5 + 16 * (6 + 16 * 7)]);
        assertEquals(ch2.value(32 + 15, 48, 64 + 15, 0), patches.values()[p][15 + 16 * (16 * 15)]);
        double[][] a = ch2.affine();
        for (int r = 0; r < 3; r++) {
            double expected = a[r][0] * 39.5 + a[r][1] * 55.5 + a[r][2] * 71.5 + a[r][3];
            assertEquals(expected, patches.centres()[p][r], 1e-9);
        }
    }

    @Test
    void savedAndLoadedGivesIdenticalPatches(@TempDir Path dir) throws Exception {
        VolumePatchTokenizer tokenizer = VolumePatchTokenizer.fit(List.of(ch2), new int[] {32, 48, 32}, 16);
        Path file = dir.resolve("smri.json");
        TokenizerFiles.save(tokenizer, file);
        VolumePatchTokenizer loaded = (VolumePatchTokenizer) TokenizerFiles.loadAny(file);
        VolumePatches a = tokenizer.encode(ch2);
        VolumePatches b = loaded.encode(ch2);
        assertEquals(a.count(), b.count());
        for (int i = 0; i < a.count(); i++) {
            assertArrayEquals(a.values()[i], b.values()[i]);
            assertArrayEquals(a.centres()[i], b.centres()[i]);
        }
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> TokenizerFiles.load(file));
        assertEquals("type", e.field());
    }

    @Test
    void refusesFourDimensionalImages() throws Exception {
        Volume fmri = new NiftiReader().read(TestData.file("fmri/nibabel_functional.nii"));
        VolumePatchTokenizer tokenizer = unscaled(8, 8, 8);
        assertTrue(assertThrows(SignalException.class, () -> tokenizer.encode(fmri)).getMessage()
                .contains("takes a 3D volume, got 20 volumes"));
    }
}

package io.neurofm.signal.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Reading a range of volumes (positioned for .nii, streamed through gzip for .nii.gz) and .hdr/.img pairs. */
class NiftiRangeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"fmri/fmri1.nii.gz", "fmri/nibabel_functional.nii"})
    void rangeEqualsTheSameVolumesOfAFullRead(String name) throws IOException {
        NiftiReader reader = new NiftiReader();
        Volume all = reader.read(TestData.file(name));
        int t0 = 5;
        int count = 7;
        Volume part = reader.read(TestData.file(name), t0, count);
        int per = all.nx() * all.ny() * all.nz();
        assertArrayEquals(new int[] {all.nx(), all.ny(), all.nz(), count}, part.dims());
        assertArrayEquals(Arrays.copyOfRange(all.data(), t0 * per, (t0 + count) * per), part.data());
        assertEquals(all.repetitionSeconds(), part.repetitionSeconds());
        assertEquals("5..11", part.provenance().get(0).parameters().get("volumes"));
        JsonNode sums = Golden.load("nifti").get("files").get(name).get("volume_sums");
        float[] data = part.data();
        for (int t = 0; t < count; t++) {
            double s = 0;
            for (int i = 0; i < per; i++) {
                s += data[t * per + i];
            }
            NiftiGoldenTest.assertClose(sums.get(t0 + t).asDouble(), s, "volume " + (t0 + t));
        }
    }

    @Test
    void streamHandsOverEachVolumeOnceInOrder() throws IOException {
        Path file = TestData.file("fmri/fmri1.nii.gz");
        Volume all = new NiftiReader().read(file);
        int per = all.nx() * all.ny() * all.nz();
        float[] expected = all.data();
        List<Integer> seen = new ArrayList<>();
        new NiftiReader().stream(file, 30, 10, (t, values) -> {
            seen.add(t);
            assertArrayEquals(Arrays.copyOfRange(expected, t * per, (t + 1) * per), values, "volume " + t);
        });
        assertEquals(List.of(30, 31, 32, 33, 34, 35, 36, 37, 38, 39), seen);
    }

    @Test
    void rangePastTheEndIsRefusedNotTruncated() throws IOException {
        Path file = TestData.file("fmri/fmri1.nii.gz");
        NiftiReader reader = new NiftiReader();
        SignalException e = assertThrows(SignalException.class, () -> reader.read(file, 35, 6));
        assertTrue(e.getMessage().contains("35..40") && e.getMessage().contains("0..39"), e.getMessage());
        assertThrows(SignalException.class, () -> reader.read(file, -1, 2));
        assertThrows(SignalException.class, () -> reader.read(file, 0, 0));
    }

    @Test
    void readLimitBoundsTheAllocation() throws IOException {
        Path file = TestData.file("fmri/fmri1.nii.gz");
        NiftiReader small = new NiftiReader(new NiftiLimits(1L << 30, 1800 * 4, 1 << 20, 1 << 20));
        assertEquals(4, small.read(file, 0, 4).nt());
        SignalException e = assertThrows(SignalException.class, () -> small.read(file, 0, 5));
        assertTrue(e.getMessage().contains("7200"), e.getMessage());
    }

    @Test
    void pairReadsLikeTheSingleFile() throws IOException {
        Path nii = TestData.file("mri/nibabel_anatomical.nii");
        NiftiBytes b = NiftiBytes.of(nii);
        byte[] header = Arrays.copyOf(b.bytes, 348);
        NiftiBytes hdr = NiftiBytes.wrap(header).putAscii(344, "ni1\0").putFloat(108, 0f);
        Files.write(tmp.resolve("anat.hdr"), hdr.bytes);
        Files.write(tmp.resolve("anat.img"), Arrays.copyOfRange(b.bytes, 352, b.bytes.length));
        Volume single = new NiftiReader().read(nii);
        for (String name : List.of("anat.hdr", "anat.img")) {
            Volume pair = new NiftiReader().read(tmp.resolve(name));
            assertArrayEquals(single.dims(), pair.dims());
            assertArrayEquals(single.data(), pair.data());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(single.affine()[i], pair.affine()[i]);
            }
        }
        Files.delete(tmp.resolve("anat.img"));
        SignalException e = assertThrows(SignalException.class, () -> new NiftiReader().read(tmp.resolve("anat.hdr")));
        assertTrue(e.getMessage().contains("anat.img"), e.getMessage());
    }

    @Test
    void timeUnitsConvertToSeconds() throws IOException {
        NiftiBytes b = NiftiBytes.of(TestData.file("fmri/nibabel_functional.nii"));
        float pixdim4 = b.buf.getFloat(76 + 16);
        int spatial = b.bytes[123] & 0x07;
        b.bytes[123] = (byte) (spatial | 16);
        assertEquals(pixdim4 / 1000.0, new NiftiReader().readHeader(b.writeNii(tmp, "ms.nii")).repetitionSeconds(),
                1e-12);
        b.bytes[123] = (byte) (spatial | 24);
        assertEquals(pixdim4 / 1e6, new NiftiReader().readHeader(b.writeNii(tmp, "us.nii")).repetitionSeconds(),
                1e-15);
        b.bytes[123] = (byte) (spatial | 32);
        assertTrue(Double.isNaN(new NiftiReader().readHeader(b.writeNii(tmp, "hz.nii")).repetitionSeconds()),
                "a 4th axis in Hz is not time");
    }

    @Test
    void metresBecomeMillimetres() throws IOException {
        Path file = TestData.file("fmri/nibabel_functional.nii");
        NiftiHeader mm = new NiftiReader().readHeader(file);
        NiftiBytes b = NiftiBytes.of(file);
        b.bytes[123] = (byte) ((b.bytes[123] & 0x38) | 1);
        NiftiHeader m = new NiftiReader().readHeader(b.writeNii(tmp, "m.nii"));
        for (int i = 0; i < 3; i++) {
            assertEquals(mm.voxelSizeMm()[i] * 1000, m.voxelSizeMm()[i], 1e-9);
            for (int j = 0; j < 4; j++) {
                assertEquals(mm.affine()[i][j] * 1000, m.affine()[i][j], 1e-9);
            }
        }
    }

    @Test
    void affineFollowsNibabelsChoice() throws IOException {
        Path file = TestData.file("fmri/fmri1.nii.gz");
        NiftiHeader h = new NiftiReader().readHeader(file);
        assertEquals("sform", h.affineSource());
        NiftiBytes b = NiftiBytes.of(file).putShort(254, 0);
        NiftiHeader q = new NiftiReader().readHeader(b.writeGz(tmp, "q.nii.gz"));
        assertEquals("qform", q.affineSource());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(h.qform()[i], q.affine()[i], 0);
        }
        b.putShort(252, 0);
        NiftiHeader f = new NiftiReader().readHeader(b.writeGz(tmp, "f.nii.gz"));
        assertEquals("fallback", f.affineSource());
        // nibabel's base affine: -dx flips x, the grid centre maps to the origin
        double[] centre = {(h.nx() - 1) / 2.0, (h.ny() - 1) / 2.0, (h.nz() - 1) / 2.0};
        double[][] a = f.affine();
        assertEquals(-h.voxelSizeMm()[0], a[0][0], 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, a[i][0] * centre[0] + a[i][1] * centre[1] + a[i][2] * centre[2] + a[i][3], 1e-12);
        }
    }
}

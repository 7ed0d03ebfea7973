package io.neurofm.signal.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-corrupted copies of real images: each class of damage gives a SignalFormatException naming the field. */
class NiftiCorruptionTest {
    @TempDir
    Path tmp;

    private NiftiBytes functional;

    @BeforeEach
    void load() throws IOException {
        functional = NiftiBytes.of(TestData.file("fmri/nibabel_functional.nii"));
    }

    private SignalFormatException refused(Path file, String field) {
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> new NiftiReader().read(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: " + e.getMessage());
        if (field != null) {
            assertEquals(field, e.field(), e.getMessage());
        }
        return e;
    }

    private SignalFormatException refusedNii(NiftiBytes b, String field) throws IOException {
        return refused(b.writeNii(tmp, "bad.nii"), field);
    }

    @Test
    void truncatedFiles() throws IOException {
        for (int length : new int[] {0, 3, 200, 347, 400, functional.bytes.length - 1}) {
            Path file = Files.write(tmp.resolve("cut" + length + ".nii"), Arrays.copyOf(functional.bytes, length));
            SignalFormatException e = refused(file, null);
            assertTrue(length > 347 ? e.field().equals("vox_offset") : e.byteOffset() >= 0, e.getMessage());
        }
    }

    @Test
    void wrongHeaderSize() throws IOException {
        refusedNii(functional.copy().putInt(0, 349), "sizeof_hdr");
        SignalFormatException e = refusedNii(functional.copy().putInt(0, 540), "sizeof_hdr");
        assertTrue(e.getMessage().contains("NIfTI-2 is not supported"), e.getMessage());
    }

    @Test
    void wrongMagic() throws IOException {
        refusedNii(functional.copy().putAscii(344, "n+2\0"), "magic");
        refusedNii(functional.copy().putAscii(344, "\0\0\0\0"), "magic");
        SignalFormatException e = refusedNii(functional.copy().putAscii(344, "ni1\0"), "magic");
        assertTrue(e.getMessage().contains(".img"), e.getMessage());
        Path hdr = functional.copy().writeNii(tmp, "single.hdr");
        Files.write(tmp.resolve("single.img"), new byte[0]);
        refused(hdr, "magic");
    }

    @Test
    void dimensionsOutOfRange() throws IOException {
        refusedNii(functional.copy().putShort(40, 0), "dim[0]");
        refusedNii(functional.copy().putShort(40, 8), "dim[0]");
        refusedNii(functional.copy().putShort(40, -4), "dim[0]");
        refusedNii(functional.copy().putShort(44, -21), "dim[2]");
        refusedNii(functional.copy().putShort(48, 0), "dim[4]");
        refusedNii(functional.copy().putShort(40, 5).putShort(50, 2), "dim[5]");
        // a larger but still plausible grid no longer fits the file
        refusedNii(functional.copy().putShort(42, 170), "vox_offset");
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeAllocating() throws IOException {
        NiftiBytes b = functional.copy().putShort(42, 32767).putShort(44, 32767).putShort(46, 32767)
                .putShort(48, 32767);
        refused(b.writeNii(tmp, "huge.nii"), "dim[1..3]");
        refused(b.writeGz(tmp, "huge.nii.gz"), "dim[1..3]");
        NiftiBytes big = functional.copy().putShort(42, 1024).putShort(44, 1024).putShort(46, 512).putShort(48, 64);
        SignalFormatException e = refused(big.writeGz(tmp, "big.nii.gz"), "dim");
        assertTrue(e.getMessage().contains("reader limit"), e.getMessage());
    }

    @Test
    void unknownOrUnsupportedDatatype() throws IOException {
        refusedNii(functional.copy().putShort(70, 3), "datatype");
        SignalFormatException rgb = refusedNii(functional.copy().putShort(70, 128).putShort(72, 24), "datatype");
        assertTrue(rgb.getMessage().contains("RGB24"), rgb.getMessage());
        refusedNii(functional.copy().putShort(70, 32).putShort(72, 64), "datatype");
        refusedNii(functional.copy().putShort(72, 8), "bitpix");
    }

    @Test
    void voxOffsetOutOfPlace() throws IOException {
        refusedNii(functional.copy().putFloat(108, functional.bytes.length), "vox_offset");
        refusedNii(functional.copy().putFloat(108, 100), "vox_offset");
        refusedNii(functional.copy().putFloat(108, 352.5f), "vox_offset");
        refusedNii(functional.copy().putFloat(108, Float.NaN), "vox_offset");
        refusedNii(functional.copy().putFloat(108, -352), "vox_offset");
    }

    @Test
    void invalidScalingAndTransforms() throws IOException {
        refusedNii(functional.copy().putFloat(116, Float.POSITIVE_INFINITY), "scl_inter");
        refusedNii(functional.copy().putShort(252, 9), "qform_code");
        refusedNii(functional.copy().putShort(254, -1), "sform_code");
        refusedNii(functional.copy().putFloat(280, Float.NaN), "srow_x[0]");
        refusedNii(functional.copy().putShort(254, 0).putFloat(256, 1).putFloat(260, 1), "quatern_b/c/d");
        refusedNii(functional.copy().putFloat(80, Float.NaN), "pixdim[1]");
        refusedNii(functional.copy().putAscii(123, "\7"), "xyzt_units");
    }

    @Test
    void gzipBombIsStoppedNearTheDeclaredSize() throws IOException {
        // a valid image followed by 64 MiB of zeros: ~65 KB on disk, far beyond what the header declares
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(functional.bytes);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        assertTrue(bos.size() < 200_000, "the bomb is small: " + bos.size());
        Path bomb = Files.write(tmp.resolve("bomb.nii.gz"), bos.toByteArray());
        SignalFormatException e = refused(bomb, "gzip stream");
        assertTrue(e.getMessage().contains("gzip bomb"), e.getMessage());
        // the header and a range that stops early do not inflate the padding at all
        assertEquals(20, new NiftiReader().readHeader(bomb).nt());
        assertEquals(3, new NiftiReader().read(bomb, 0, 3).nt());
    }

    @Test
    void smallPaddingAfterTheImageIsAccepted() throws IOException {
        byte[] padded = Arrays.copyOf(functional.bytes, functional.bytes.length + 352);
        Path file = NiftiBytes.wrap(padded).writeGz(tmp, "padded.nii.gz");
        assertEquals(20, new NiftiReader().read(file).nt());
    }

    @Test
    void truncatedOrCorruptGzip() throws IOException {
        byte[] gz = Files.readAllBytes(TestData.file("fmri/fmri1.nii.gz"));
        for (int length : new int[] {1, 10, 100, gz.length / 2, gz.length - 4}) {
            refused(Files.write(tmp.resolve("cut" + length + ".nii.gz"), Arrays.copyOf(gz, length)), null);
        }
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 0x55;
        refused(Files.write(tmp.resolve("crc.nii.gz"), badCrc), "gzip stream");
        refused(Files.write(tmp.resolve("plain.nii.gz"), functional.bytes), "gzip magic");
        // a gzip stream that ends inside the declared image
        refused(NiftiBytes.wrap(Arrays.copyOf(functional.bytes, 5000)).writeGz(tmp, "short.nii.gz"), "image data");
    }
}

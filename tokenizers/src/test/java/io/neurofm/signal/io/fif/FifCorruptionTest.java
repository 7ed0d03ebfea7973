package io.neurofm.signal.io.fif;

import static io.neurofm.signal.io.fif.FifTestFiles.first;
import static io.neurofm.signal.io.fif.FifTestFiles.putInt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-corrupted copies of the real files, one class of damage each: every one must fail with a
 * SignalFormatException naming the field; a few harmless changes must still read correctly.
 */
class FifCorruptionTest {
    @TempDir
    Path dir;

    private static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    private static byte[] meg() throws IOException {
        return bytes(FifTestFiles.shared(FifTestFiles.MEG));
    }

    /** An MNE-written fixture: no tag directory, so only the tags themselves need changing. */
    private static byte[] fixture(String name) throws IOException {
        return bytes(FifTestFiles.fixture(name));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private SignalFormatException refused(String name, byte[] content, String fieldText) throws IOException {
        return refused(new FifReader(), write(name, content), fieldText);
    }

    private static SignalFormatException refused(FifReader reader, Path file, String fieldText) {
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> {
            try (SignalFile f = reader.open(file, OpenOptions.DEFAULT)) {
                f.readAll();
            }
        });
        assertTrue(e.getMessage().contains(fieldText), "expected '" + fieldText + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        return e;
    }

    /** Position of the directory entry (kind, type, size, pos) describing the tag at {@code tagPos}. */
    private static int directoryEntry(byte[] file, int tagPos) {
        int dirPos = FifTestFiles.getInt(file, first(file, Fiff.DIR_POINTER).dataPos());
        int size = FifTestFiles.getInt(file, dirPos + 8);
        for (int at = dirPos + 16; at < dirPos + 16 + size; at += 16) {
            if (FifTestFiles.getInt(file, at + 12) == tagPos) {
                return at;
            }
        }
        throw new AssertionError("no directory entry for tag at " + tagPos);
    }

    /** Changes a tag's type both in the tag and in the directory entry that lists it. */
    private static void retype(byte[] file, FifTestFiles.Tag tag, int type) {
        putInt(file, tag.pos() + 4, type);
        putInt(file, directoryEntry(file, tag.pos()) + 4, type);
    }

    @Test
    void wrongFirstTag() throws IOException {
        byte[] b = meg();
        putInt(b, 0, Fiff.DIR_POINTER);
        SignalFormatException e = refused("first.fif", b, "FIFF_FILE_ID");
        assertEquals(0, e.byteOffset());
        refused("text.fif", "not a FIF file at all, just some text".getBytes(StandardCharsets.US_ASCII),
                "FIFF_FILE_ID");
        refused("empty.fif", new byte[0], "FIFF_FILE_ID");
    }

    @Test
    void missingFileIsASignalException() {
        Path missing = dir.resolve("absent_raw.fif");
        SignalException e = assertThrows(SignalException.class,
                () -> new FifReader().open(missing, OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void missingDirectoryPointer() throws IOException {
        byte[] b = meg();
        putInt(b, first(b, Fiff.DIR_POINTER).pos(), 999);
        refused("nodirptr.fif", b, "FIFF_DIR_POINTER");
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] meg = meg();
        // the directory sits at the end: cut, the pointer leads nowhere and the tag walk meets a cut buffer
        refused("cut_meg.fif", Arrays.copyOf(meg, meg.length / 2), "size");
        byte[] fixture = fixture("fixture_int_raw.fif");
        refused("cut_fixture.fif", Arrays.copyOf(fixture, fixture.length - 1000), "size");
        refused("cut_header.fif", Arrays.copyOf(fixture, 40), "FIFF_DIR_POINTER");
        refused("cut_id.fif", Arrays.copyOf(fixture, 30), "FIFF_FILE_ID");
    }

    @Test
    void negativeAndOversizedTagSizes() throws IOException {
        byte[] b = fixture("fixture_int_raw.fif");
        FifTestFiles.Tag nchan = first(b, Fiff.NCHAN);
        putInt(b, nchan.pos() + 8, -5);
        SignalFormatException e = refused("negative.fif", b, "size");
        assertEquals(nchan.pos() + 8, e.byteOffset());
        b = fixture("fixture_int_raw.fif");
        putInt(b, first(b, Fiff.DATA_BUFFER).pos() + 8, Integer.MAX_VALUE);
        refused("huge.fif", b, "size");
    }

    @Test
    void directoryPointerOutOfRange() throws IOException {
        byte[] b = meg();
        int pointer = first(b, Fiff.DIR_POINTER).dataPos();
        putInt(b, pointer, 36); // inside the file but not at a directory
        refused("dir_inside.fif", b, "tag directory");

        // past the end: MNE rebuilds the directory by walking the tags, and the file still reads
        b = meg();
        putInt(b, pointer, b.length + 4096);
        Path file = write("dir_past_end.fif", b);
        try (SignalFile f = new FifReader().open(file, OpenOptions.DEFAULT)) {
            assertEquals("rebuilt by scanning the tags", f.header().properties().get("tagDirectory"));
            Golden.assertMatches(Golden.load("fif_bti_exported4d").get("data"), f.readAll().samples(), 1e-6);
        }
    }

    @Test
    void directoryEntriesOutOfRangeOrWrong() throws IOException {
        byte[] b = meg();
        FifTestFiles.Tag sfreq = first(b, Fiff.SFREQ);
        int entry = directoryEntry(b, sfreq.pos());
        putInt(b, entry + 12, b.length + 100);
        refused("entry_pos.fif", b, "tag directory entry");
        b = meg();
        putInt(b, directoryEntry(b, sfreq.pos()) + 12, first(b, Fiff.NCHAN).pos());
        refused("entry_points_elsewhere.fif", b, "FIFF_SFREQ");
    }

    @Test
    void absurdChannelCounts() throws IOException {
        for (int nchan : new int[] {1_000_000, 249, 0, -3}) {
            byte[] b = meg();
            putInt(b, first(b, Fiff.NCHAN).dataPos(), nchan);
            refused("nchan" + nchan + ".fif", b, "FIFF_NCHAN");
        }
    }

    @Test
    void badSamplingRate() throws IOException {
        for (float sfreq : new float[] {Float.NaN, -1000f, 0f, 1e12f}) {
            byte[] b = fixture("fixture_int_raw.fif");
            putInt(b, first(b, Fiff.SFREQ).dataPos(), Float.floatToIntBits(sfreq));
            refused("sfreq.fif", b, "FIFF_SFREQ");
        }
    }

    @Test
    void dataBufferSizeNotMatchingTheChannels() throws IOException {
        byte[] b = meg(); // one float buffer of 305 samples x 250 channels = 305000 bytes
        retype(b, first(b, Fiff.DATA_BUFFER), Fiff.T_DOUBLE); // 305000 is no multiple of 250 * 8
        refused("bufsize.fif", b, "multiple of 250 channels");
        b = meg();
        retype(b, first(b, Fiff.DATA_BUFFER), Fiff.T_COMPLEX_FLOAT);
        refused("complex.fif", b, "complex-valued raw data is not supported");
        b = meg();
        retype(b, first(b, Fiff.DATA_BUFFER), Fiff.T_STRING);
        refused("string.fif", b, "FIFF_DATA_BUFFER");
    }

    @Test
    void duplicateOrBlankChannelNames() throws IOException {
        byte[] b = meg();
        FifTestFiles.Tag ch0 = first(b, Fiff.CH_INFO);
        FifTestFiles.Tag ch1 = FifTestFiles.all(b, Fiff.CH_INFO).get(1);
        System.arraycopy(b, ch0.dataPos() + 80, b, ch1.dataPos() + 80, 16);
        refused("dupname.fif", b, "unique channel names");
        b = meg();
        Arrays.fill(b, ch1.dataPos() + 80, ch1.dataPos() + 96, (byte) ' ');
        refused("blankname.fif", b, "non-blank channel name");
    }

    @Test
    void unbalancedBlocks() throws IOException {
        byte[] b = fixture("fixture_int_raw.fif");
        putInt(b, first(b, Fiff.BLOCK_START).pos(), 108); // the first block start becomes a no-op tag
        refused("blockend.fif", b, "FIFF_BLOCK_END");
    }

    @Test
    void noRawDataBlock() throws IOException {
        byte[] b = fixture("fixture_int_raw.fif");
        for (FifTestFiles.Tag start : FifTestFiles.all(b, Fiff.BLOCK_START)) {
            if (FifTestFiles.getInt(b, start.dataPos()) == Fiff.B_RAW_DATA) {
                putInt(b, start.dataPos(), 500);
            }
        }
        refused("noraw.fif", b, "exactly one raw data block");
    }

    @Test
    void negativeSkipCount() throws IOException {
        byte[] b = fixture("fixture_skip_raw.fif");
        putInt(b, FifTestFiles.all(b, Fiff.DATA_SKIP).get(1).dataPos(), -1);
        refused("skip.fif", b, "FIFF_DATA_SKIP");
    }

    @Test
    void annotationCountsDisagree() throws IOException {
        byte[] b = fixture("fixture_int_raw.fif");
        FifTestFiles.Tag comment = first(b, Fiff.COMMENT); // "Stimulus/S  1:Comment{COLON} ok:BAD span"
        for (int i = comment.dataPos(); i < comment.dataPos() + comment.size(); i++) {
            if (b[i] == ':') {
                b[i] = '_';
                break;
            }
        }
        refused("annot.fif", b, "as many onsets, ends and descriptions");
    }

    @Test
    void backwardNextPointer() throws IOException {
        byte[] b = fixture("fixture_int_raw.fif");
        putInt(b, first(b, Fiff.NCHAN).pos() + 12, 8);
        refused("next.fif", b, "'next'");
    }

    @Test
    void gzipBombAndBrokenGzip() throws IOException {
        Path bomb = dir.resolve("bomb_raw.fif.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                out.write(zeros);
            }
        }
        refused(new FifReader(1 << 20), bomb, "gzip content");
        refused(new FifReader(10_000), FifTestFiles.fixture("fixture_single_raw.fif.gz"), "gzip content");
        byte[] gz = fixture("fixture_single_raw.fif.gz");
        refused("cut_raw.fif.gz", Arrays.copyOf(gz, gz.length / 2), "gzip");
    }

    // --- changes that keep the file valid ---

    @Test
    void shortBuffersReadLikeDauPack16() throws IOException {
        byte[] b = fixture("fixture_skip_raw.fif");
        for (FifTestFiles.Tag buffer : FifTestFiles.all(b, Fiff.DATA_BUFFER)) {
            assertEquals(Fiff.T_DAU_PACK16, buffer.type());
            putInt(b, buffer.pos() + 4, Fiff.T_SHORT);
        }
        try (SignalFile f = new FifReader().open(write("short_raw.fif", b), OpenOptions.DEFAULT)) {
            assertEquals("short", f.header().properties().get("dataType"));
            Golden.assertMatches(Golden.load("fif_fixture_skip").get("data"), f.readAll().samples(), 1e-6);
        }
    }

    @Test
    void megUnitDecidesMagnetometerOrGradiometer() throws IOException {
        byte[] b = meg();
        FifTestFiles.Tag ch0 = first(b, Fiff.CH_INFO);
        assertEquals(Fiff.UNIT_T, FifTestFiles.getInt(b, ch0.dataPos() + 72));
        putInt(b, ch0.dataPos() + 72, Fiff.UNIT_T_M);
        FifTestFiles.Tag ch1 = FifTestFiles.all(b, Fiff.CH_INFO).get(1);
        putInt(b, ch1.dataPos() + 72, 107); // a MEG channel in volts is neither: MISC
        try (SignalFile f = new FifReader().open(write("grad_raw.fif", b), OpenOptions.DEFAULT)) {
            assertEquals(ChannelType.MEG_GRAD, f.header().channels().get(0).type());
            assertEquals("T/m", f.header().channels().get(0).unit());
            assertEquals(ChannelType.MISC, f.header().channels().get(1).type());
            assertEquals(ChannelType.MEG_MAG, f.header().channels().get(2).type());
            Recording r = f.readAll();
            assertEquals(250, r.channelCount());
        }
    }
}

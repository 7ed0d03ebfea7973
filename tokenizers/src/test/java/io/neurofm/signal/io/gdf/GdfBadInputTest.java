package io.neurofm.signal.io.gdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed GDF input: hand-corrupted copies of the real GDF 1.25 file and of written GDF 2
 * files, one per class of corruption, each refused with a {@link SignalFormatException} that
 * names the field; then a seeded mutation loop asserting nothing but {@link SignalException}
 * (or success) ever comes out.
 */
class GdfBadInputTest {
    /** Layout of the shared file: 4 channels, 1280-byte header, 97419 records of 8 bytes, 200 mode-3 events. */
    private static final int NS = 4;
    private static final int VAR = 256;
    private static final int EVENTS = 1280 + 97419 * 8;
    private static final int N_EVENTS = 200;

    private static byte[] real;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        real = Files.readAllBytes(TestData.file("eeg/graz_mi_left_right.gdf"));
        assertEquals(EVENTS + 8 + 12 * N_EVENTS, real.length, "layout assumed by these tests");
    }

    private static byte[] realWith(Consumer<ByteBuffer> edit) {
        ByteBuffer b = ByteBuffer.wrap(real.clone()).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(b);
        return b.array();
    }

    private static void text(ByteBuffer b, int offset, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            b.put(offset + i, bytes[i]);
        }
    }

    private SignalFormatException refused(byte[] bytes, String field) throws IOException {
        Path file = Files.write(dir.resolve("bad.gdf"), bytes);
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> {
            try (GdfFile f = new GdfReader().open(file, OpenOptions.DEFAULT)) {
                f.readAll();
            }
        });
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.field() != null && e.field().contains(field), "field '" + field + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        return e;
    }

    @Test
    void truncatedOrForeignFixedHeader() throws IOException {
        refused(new byte[0], "fixed header");
        refused(Arrays.copyOf(real, 200), "fixed header");
        assertEquals(0, refused(realWith(b -> text(b, 0, "EDF 1.25")), "version").byteOffset());
        refused(realWith(b -> text(b, 0, "GDF 3.00")), "version");
        refused(realWith(b -> text(b, 0, "GDF 1.95")), "version");
        refused(realWith(b -> text(b, 0, "GDF 1.2x")), "version");
    }

    @Test
    void absurdChannelCountsAndHeaderLengths() throws IOException {
        assertEquals(252, refused(realWith(b -> b.putInt(252, 0)), "number of signals").byteOffset());
        refused(realWith(b -> b.putInt(252, Integer.MAX_VALUE)), "number of signals");
        refused(realWith(b -> b.putInt(252, 5000)), "number of signals");   // header > file
        refused(realWith(b -> b.putLong(184, 1536)), "header length");
        refused(realWith(b -> b.putLong(184, -1)), "header length");
    }

    @Test
    void recordCountsDisagreeingWithTheFileSize() throws IOException {
        SignalFormatException minusOne = refused(realWith(b -> b.putLong(236, -1)), "number of data records");
        assertTrue(minusOne.getMessage().contains("-1"), minusOne.getMessage());
        refused(realWith(b -> b.putLong(236, Long.MIN_VALUE)), "number of data records");
        refused(realWith(b -> b.putLong(236, 1_000_000_000_000L)), "number of data records");
        refused(Arrays.copyOf(real, 500_000), "number of data records");
        // one record more or less moves the event table start into data or events: refused there
        refused(realWith(b -> b.putLong(236, 97420)), "event");
        refused(realWith(b -> b.putLong(236, 97418)), "event");
    }

    @Test
    void badRecordDurationAndStartDate() throws IOException {
        refused(realWith(b -> b.putInt(244, 0)), "duration of a data record");
        refused(realWith(b -> b.putInt(248, 0)), "duration of a data record");
        refused(realWith(b -> text(b, 168, "2007AB02")), "start of recording");
        refused(realWith(b -> text(b, 168, "20071302")), "start of recording");
    }

    @Test
    void badChannelFields() throws IOException {
        refused(realWith(b -> text(b, VAR, "                ")), "label of channel 1");
        refused(realWith(b -> b.putDouble(VAR + 104 * NS, Double.NaN)), "physical minimum/maximum of Channel 1");
        refused(realWith(b -> b.putLong(VAR + 128 * NS, -32768)), "digital minimum/maximum of Channel 1");
        SignalFormatException spr = refused(realWith(b -> b.putInt(VAR + 216 * NS, 0)), "samples per record");
        assertEquals(VAR + 216 * NS, spr.byteOffset());
        refused(realWith(b -> b.putInt(VAR + 216 * NS + 4, -5)), "samples per record of Channel 2");
        refused(realWith(b -> b.putInt(VAR + 220 * NS + 8, 99)), "data type of Channel 3");
        refused(realWith(b -> b.putInt(VAR + 220 * NS + 8, 18)), "data type of Channel 3");  // float128
    }

    @Test
    void badEventTables() throws IOException {
        refused(Arrays.copyOf(real, EVENTS + 4), "event table");
        refused(Arrays.copyOf(real, real.length - 5), "number of events");
        refused(Arrays.copyOf(real, real.length + 3), "number of events");
        refused(realWith(b -> b.put(EVENTS, (byte) 2)), "event table mode");
        refused(realWith(b -> b.putInt(EVENTS + 4, N_EVENTS + 1)), "number of events");
        refused(realWith(b -> b.putInt(EVENTS + 4, -1)), "number of events");
        SignalFormatException pos = refused(realWith(b -> b.putInt(EVENTS + 8 + 4 * 7, 0)), "event position");
        assertEquals(EVENTS + 8 + 4 * 7, pos.byteOffset());
        refused(realWith(b -> b.putShort(EVENTS + 8 + 6 * N_EVENTS, (short) (NS + 1))), "event channel");
    }

    private static GdfTestWriter smallGdf2() {
        GdfTestWriter w = new GdfTestWriter();
        w.records = 2;
        w.channel(new GdfTestWriter.Chan("A", 4275, -1, 1, -1, 1, 2, GdfDataType.FLOAT32, new double[] {0, 1, 0, 1}));
        w.eventMode = 3;
        w.eventRate = 2;
        w.event(1, 0x0300, 0, 1);
        return w;
    }

    private static byte[] edited(GdfTestWriter w, Consumer<ByteBuffer> edit) {
        ByteBuffer b = ByteBuffer.wrap(w.toBytes()).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(b);
        return b.array();
    }

    @Test
    void badGdf2Headers() throws IOException {
        refused(edited(smallGdf2(), b -> b.putShort(184, (short) 1)), "header length");
        refused(edited(smallGdf2(), b -> b.putShort(184, (short) 400)), "header length");
        GdfTestWriter old = smallGdf2();
        old.version = "GDF 2.00";
        old.tags(GdfTestWriter.tag(6, GdfTestWriter.texts("tech")));
        refused(old.toBytes(), "header length");   // before 2.10 there is no tagged header
        GdfTestWriter tagged = smallGdf2();
        tagged.tags(GdfTestWriter.tag(6, GdfTestWriter.texts("tech")));
        refused(edited(tagged, b -> b.put(512 + 1, (byte) 0xFF).put(512 + 2, (byte) 0x01)), "length of header tag 6");
        refused(edited(smallGdf2(), b -> b.putShort(256 + 102, (short) (4256 + 12))), "physical dimension code of A");
        refused(edited(smallGdf2(), b -> b.putLong(168, -1L)), "start of recording");
        refused(edited(smallGdf2(), b -> b.putShort(252, (short) 0)), "number of signals");
        GdfTestWriter v221 = smallGdf2();
        v221.version = "GDF 2.21";
        refused(edited(v221, b -> b.putDouble(244, Double.NaN)), "duration of a data record");
        refused(edited(v221, b -> b.putDouble(244, -1)), "duration of a data record");
        refused(edited(v221, b -> b.putDouble(244, Double.MIN_VALUE)), "samples per record of A"); // infinite rate
        int events = 512 + 16;
        refused(edited(smallGdf2(), b -> b.putFloat(events + 4, -2f)), "event sampling rate");
        refused(edited(smallGdf2(), b -> b.putFloat(events + 4, Float.NaN)), "event sampling rate");
        refused(edited(smallGdf2(), b -> b.put(events + 1, (byte) 2)), "number of events");
    }

    @Test
    void missingFilesAreSignalExceptions() {
        assertThrows(SignalException.class, () -> new GdfReader().open(dir.resolve("absent.gdf"), OpenOptions.DEFAULT));
        assertThrows(SignalException.class, () -> new GdfReader().open(dir, OpenOptions.DEFAULT));
    }

    /**
     * 300 seeded mutants (byte flips biased to headers and the event table, extreme values,
     * truncations, appended bytes) of the real file, the MNE-checked GDF 2.20 file and a tagged
     * GDF 2.20 file: open and read must succeed or throw a SignalException, nothing else.
     */
    @Test
    void seededMutationsOnlyEverGiveSignalExceptions() throws IOException {
        GdfTestWriter tagged = smallGdf2();
        tagged.tags(GdfTestWriter.tag(1, GdfTestWriter.texts("", "one", "two", "")),
                GdfTestWriter.tag(3, GdfTestWriter.texts("M", "N", "1", "S")));
        byte[][] seeds = {real, Files.readAllBytes(GdfSynthetic220MneTest.synthetic()), tagged.toBytes()};
        int[] headerEnds = {1280, 1024, 768};
        int[] counts = {150, 75, 75};
        Random random = new Random(20261127L);
        Path file = dir.resolve("mutant.gdf");
        int refused = 0;
        int accepted = 0;
        for (int s = 0; s < seeds.length; s++) {
            for (int i = 0; i < counts[s]; i++) {
                String how = mutate(seeds[s], headerEnds[s], random, file);
                try (GdfFile f = new GdfReader().open(file, OpenOptions.DEFAULT)) {
                    f.header();
                    long n = f.header().sampleCounts().get(0);
                    f.read(ReadRequest.window(0, Math.min(n, 10)).withChannels(
                            java.util.List.of(f.header().channels().get(0).name())));
                    f.readAll();
                    accepted++;
                } catch (SignalException e) {
                    refused++;
                } catch (Throwable t) {
                    fail("seed file " + s + " mutant " + i + " (" + how + ") threw " + t, t);
                }
            }
        }
        assertTrue(refused > 50 && accepted > 50, "both outcomes occur: refused " + refused + ", accepted " + accepted);
    }

    private static String mutate(byte[] seed, int headerEnd, Random random, Path out) throws IOException {
        byte[] b;
        String how;
        int kind = random.nextInt(10);
        if (kind < 5) {
            b = seed.clone();
            int flips = 1 + random.nextInt(4);
            StringBuilder sb = new StringBuilder("flip");
            for (int k = 0; k < flips; k++) {
                int where = random.nextInt(10);
                int eventsStart = seed.length - Math.min(seed.length - headerEnd, 64);
                int at = where < 7 ? random.nextInt(headerEnd)
                        : where < 9 ? eventsStart + random.nextInt(seed.length - eventsStart)
                        : random.nextInt(seed.length);
                b[at] ^= (byte) (1 + random.nextInt(255));
                sb.append(' ').append(at);
            }
            how = sb.toString();
        } else if (kind < 7) {
            b = seed.clone();
            int at = random.nextInt(headerEnd / 4 - 2) * 4;
            byte fill = new byte[] {(byte) 0xFF, 0, (byte) 0x7F, (byte) 0x80}[random.nextInt(4)];
            Arrays.fill(b, at, at + 8, fill);
            if (fill == 0x7F) {
                b[at] = (byte) 0xFF;
            }
            how = "fill 8 bytes at " + at + " with " + fill;
        } else if (kind < 9) {
            int len = random.nextInt(seed.length);
            b = Arrays.copyOf(seed, len);
            how = "truncate to " + len;
        } else {
            int extra = 1 + random.nextInt(16);
            b = Arrays.copyOf(seed, seed.length + extra);
            for (int k = seed.length; k < b.length; k++) {
                b[k] = (byte) random.nextInt(256);
            }
            how = "append " + extra;
        }
        Files.write(out, b);
        return how;
    }
}

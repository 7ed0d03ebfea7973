package io.neurofm.signal.io.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-corrupted copies of the real files, one per class of damage, each refused with a
 * {@link SignalFormatException} naming the field and byte offset; and a seeded mutation loop
 * in which nothing but a {@link SignalException} (or success) may come out.
 */
class EdfCorruptionTest {
    private static final EdfReader READER = new EdfReader();
    private static final String PLAIN = "eeg/capslpdb_brux2_100s.edf"; // 5 signals, 100 records of 1 s at 256 Hz
    private static final String PLUS = "eeg/eegmmidb_S001R01.edf"; // 64 signals + EDF Annotations, 61 records
    private static final String BDF = "eeg/test_bdf_stim_channel.bdf";

    @TempDir
    Path dir;

    private SignalFormatException refused(String source, String name, Consumer<EdfBytes> damage) throws Exception {
        EdfBytes b = EdfBytes.of(TestData.file(source));
        damage.accept(b);
        Path file = b.write(dir, name);
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> READER.open(file).close());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        return e;
    }

    private void assertRefused(String source, String field, long offset, Consumer<EdfBytes> damage) throws Exception {
        SignalFormatException e = refused(source, "bad" + source.substring(source.lastIndexOf('.')), damage);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.byteOffset(), e.getMessage());
    }

    @Test
    void truncatedFiles() throws Exception {
        EdfBytes b = EdfBytes.of(TestData.file(PLAIN));
        SignalFormatException fixed = assertThrows(SignalFormatException.class,
                () -> READER.open(b.writeTruncated(dir, "a.edf", 100)));
        assertEquals("fixed header", fixed.field());
        SignalFormatException signals = assertThrows(SignalFormatException.class,
                () -> READER.open(b.writeTruncated(dir, "b.edf", 256 + 100)));
        assertEquals("number of signals", signals.field());
        assertEquals(252, signals.byteOffset());
        SignalFormatException data = assertThrows(SignalFormatException.class,
                () -> READER.open(b.writeTruncated(dir, "c.edf", b.bytes.length - 1)));
        assertEquals("number of data records", data.field());
        assertEquals(236, data.byteOffset());
        assertThrows(SignalFormatException.class, () -> READER.open(b.writeTruncated(dir, "d.edf", 0)));
    }

    @Test
    void recordCountDisagreeingWithFileSize() throws Exception {
        assertRefused(PLAIN, "number of data records", 236, b -> b.field(236, 8, "101"));
        assertRefused(PLAIN, "number of data records", 236, b -> b.field(236, 8, "99"));
        assertRefused(PLAIN, "number of data records", 236, b -> b.field(236, 8, "99999999"));
        EdfBytes longer = EdfBytes.of(TestData.file(PLAIN));
        Path extra = dir.resolve("extra.edf");
        Files.write(extra, java.util.Arrays.copyOf(longer.bytes, longer.bytes.length + 3));
        assertEquals("number of data records", assertThrows(SignalFormatException.class,
                () -> READER.open(extra)).field());
    }

    @Test
    void wrongVersionField() throws Exception {
        assertRefused(PLAIN, "version", 0, b -> b.field(0, 8, "1"));
        assertRefused(PLAIN, "version", 0, b -> b.field(0, 8, "EDF"));
        assertRefused(BDF, "version", 0, b -> b.raw(0, (byte) 0xFE));
        assertRefused(BDF, "version", 0, b -> b.field(1, 7, "BIOSEMX"));
    }

    @Test
    void absurdSignalCountsAndHeaderSizes() throws Exception {
        assertRefused(PLAIN, "number of signals", 252, b -> b.field(252, 4, "9999"));
        assertRefused(PLAIN, "number of signals", 252, b -> b.field(252, 4, "0"));
        assertRefused(PLAIN, "number of signals", 252, b -> b.field(252, 4, "-5"));
        assertRefused(PLAIN, "number of signals", 252, b -> b.field(252, 4, "five"));
        // 99999999 signals would spill into the signal header: the 4-byte field reads 9999
        assertRefused(PLAIN, "number of signals", 252, b -> b.field(252, 8, "99999999"));
        assertRefused(PLAIN, "number of bytes in header record", 184, b -> b.field(184, 8, "99999999"));
        assertRefused(PLAIN, "number of bytes in header record", 184, b -> b.field(184, 8, "1536.0"));
    }

    @Test
    void nonNumericAndOutOfRangeFixedFields() throws Exception {
        assertRefused(PLAIN, "number of data records", 236, b -> b.field(236, 8, "12x"));
        assertRefused(PLAIN, "number of data records", 236, b -> b.field(236, 8, "-2"));
        assertRefused(PLAIN, "duration of a data record", 244, b -> b.field(244, 8, "one"));
        assertRefused(PLAIN, "duration of a data record", 244, b -> b.field(244, 8, "0"));
        assertRefused(PLAIN, "duration of a data record", 244, b -> b.field(244, 8, "-1"));
        assertRefused(PLAIN, "duration of a data record", 244, b -> b.field(244, 8, "NaN"));
        assertRefused(PLAIN, "startdate of recording", 168, b -> b.field(168, 8, "ab.cd.ef"));
        assertRefused(PLAIN, "starttime of recording", 176, b -> b.field(176, 8, "22:07:23"));
        assertRefused(PLAIN, "local patient identification", 10, b -> b.raw(10, (byte) 0x07));
    }

    @Test
    void nonNumericAndOutOfRangeSignalFields() throws Exception {
        int ns = 5;
        int physMin3 = 256 + EdfBytes.PHYS_MIN * ns + 8 * 2;
        assertRefused(PLAIN, "physical minimum of signal 3", physMin3, b -> b.field(physMin3, 8, "abc"));
        assertRefused(PLAIN, "physical minimum of signal 3", physMin3, b -> b.field(physMin3, 8, "1e999"));
        int digMax1 = 256 + EdfBytes.DIG_MAX * ns;
        assertRefused(PLAIN, "digital maximum of signal 1", digMax1, b -> b.field(digMax1, 8, "1.5"));
        int digMin2 = 256 + EdfBytes.DIG_MIN * ns + 8;
        assertRefused(PLAIN, "digital minimum of signal 2", digMin2, b -> b.field(digMin2, 8, "-99999"));
        int samples4 = 256 + EdfBytes.SAMPLES * ns + 8 * 3;
        String spr = "number of samples in each data record of signal 4";
        assertRefused(PLAIN, spr, samples4, b -> b.field(samples4, 8, "-5"));
        assertRefused(PLAIN, spr, samples4, b -> b.field(samples4, 8, "0"));
        assertRefused(PLAIN, spr, samples4, b -> b.field(samples4, 8, "25six"));
        assertRefused(PLAIN, "number of data records", 236, b -> b.field(samples4, 8, "99999999"));
        int label2 = 256 + 16;
        assertRefused(PLAIN, "label of signal 2", label2, b -> b.field(label2, 16, ""));
        int bdfDigMax = 256 + EdfBytes.DIG_MAX * 4;
        assertRefused(BDF, "digital maximum of signal 1", bdfDigMax, b -> b.field(bdfDigMax, 8, "8388608"));
    }

    @Test
    void malformedAnnotationLists() throws Exception {
        int ns = 65;
        long recordBytes = (64L * 160 + 80) * 2;
        int tal0 = 256 * (ns + 1) + 64 * 160 * 2;
        int tal1 = (int) (tal0 + recordBytes);
        assertRefused(PLUS, "EDF Annotations", tal0, b -> b.raw(tal0, (byte) 'x'));
        assertRefused(PLUS, "EDF Annotations", tal1 + 2, b -> b.raw(tal1 + 2, (byte) '/'));
        // "+0\x14\x14\x00+0\x1560.2\x14T0\x14\x00": make the T0 text invalid UTF-8
        int t0 = tal0 + "+0\u0014\u0014\u0000+0\u001560.2\u0014".length();
        assertRefused(PLUS, "EDF Annotations", t0, b -> b.raw(t0, (byte) 0xFF, (byte) 0xFE));
        SignalFormatException unterminated = refused(PLUS, "bad.edf", b -> {
            byte[] fill = new byte[160];
            java.util.Arrays.fill(fill, (byte) 'A');
            fill[0] = '+';
            fill[1] = '1';
            fill[2] = 0x14;
            b.raw(tal1, fill);
        });
        assertEquals("EDF Annotations", unterminated.field());
        SignalFormatException late = refused(PLUS, "late.edf", b -> b.raw(tal0, (byte) '+', (byte) '3'));
        assertTrue(late.getMessage().contains("first record onset"), late.getMessage());
        SignalFormatException huge = refused(PLUS, "huge.edf", b -> b.field(tal1, 20, "+99999999999999999"));
        assertEquals(tal1, huge.byteOffset());
        // EDF+D needs a time-keeping TAL in every record
        SignalFormatException noKeeping = refused(PLUS, "d.edf", b -> b.field(192, 44, "EDF+D")
                .raw(tal1, "+1\u0014text\u0014\u0000".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(tal1, noKeeping.byteOffset());
    }

    /**
     * 300 seeded mutations of the real files: byte flips (header and anywhere), truncations,
     * extensions, hostile field values and TAL damage. Each mutant is opened and every rate group
     * read in full plus one random window; only SignalException or success may result.
     */
    @Test
    void mutatedFilesGiveOnlySignalExceptions() throws Exception {
        List<String> sources = List.of(PLAIN, PLUS, BDF, "eeg/test_edf_stim_channel.edf", "eeg/test_uneven_samp.edf");
        byte[][] originals = new byte[sources.size()][];
        for (int i = 0; i < sources.size(); i++) {
            originals[i] = Files.readAllBytes(TestData.file(sources.get(i)));
        }
        String[] hostile = {"-1", "0", "99999999", "abc", "1e308", "-0", "", "NaN", "1,5", "+0\u0014", "9999", "-32768",
                "0.0000001", "8388608", "1.5", "\u0000"};
        Random random = new Random(20261127);
        int refused = 0;
        for (int iteration = 0; iteration < 300; iteration++) {
            int which = random.nextInt(sources.size());
            byte[] bytes = originals[which].clone();
            int headerBytes = Integer.parseInt(new String(bytes, 184, 8, StandardCharsets.US_ASCII).strip());
            String what;
            switch (random.nextInt(6)) {
                case 0 -> {
                    int n = 1 + random.nextInt(8);
                    for (int k = 0; k < n; k++) {
                        bytes[random.nextInt(headerBytes)] ^= (byte) (1 + random.nextInt(255));
                    }
                    what = n + " header byte flips";
                }
                case 1 -> {
                    int n = 1 + random.nextInt(32);
                    for (int k = 0; k < n; k++) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                    what = n + " random bytes";
                }
                case 2 -> {
                    int length = random.nextInt(bytes.length);
                    bytes = java.util.Arrays.copyOf(bytes, length);
                    what = "truncated to " + length;
                }
                case 3 -> {
                    int extra = 1 + random.nextInt(4096);
                    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + extra);
                    for (int k = bytes.length; k < longer.length; k++) {
                        longer[k] = (byte) random.nextInt(256);
                    }
                    bytes = longer;
                    what = extra + " bytes appended";
                }
                case 4 -> {
                    int at = random.nextInt(headerBytes - 8);
                    byte[] value = hostile[random.nextInt(hostile.length)].getBytes(StandardCharsets.ISO_8859_1);
                    int width = 4 + random.nextInt(5);
                    for (int k = 0; k < width && at + k < bytes.length; k++) {
                        bytes[at + k] = k < value.length ? value[k] : (byte) ' ';
                    }
                    what = "hostile field value at " + at;
                }
                default -> {
                    // the annotation area of eegmmidb (or random bytes elsewhere for the others)
                    byte[] plus = originals[1];
                    bytes = plus.clone();
                    which = 1;
                    int record = random.nextInt(61);
                    int at = 256 * 66 + record * (64 * 160 + 80) * 2 + 64 * 160 * 2 + random.nextInt(160);
                    bytes[at] = (byte) random.nextInt(256);
                    what = "TAL byte at " + at;
                }
            }
            String name = "m" + iteration + (sources.get(which).endsWith(".bdf") ? ".bdf" : ".edf");
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            try (EdfFile opened = READER.open(file)) {
                readEverything(opened, random);
            } catch (SignalException e) {
                refused++;
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            } catch (Throwable t) {
                fail("mutation " + iteration + " of " + sources.get(which) + " (" + what + ") threw " + t, t);
            }
            Files.delete(file);
        }
        assertTrue(refused > 50, "the mutations should break most files, refused " + refused);
    }

    private static void readEverything(EdfFile file, Random random) throws Exception {
        for (double rate : file.header().samplingRates()) {
            List<String> names = file.header().channels().stream().filter(c -> c.samplingRate() == rate)
                    .map(Channel::name).toList();
            file.read(ReadRequest.all().withChannels(names));
            long total = file.header().sampleCounts().get(file.header().indexOf(names.get(0)));
            if (total > 0) {
                long start = (long) (random.nextDouble() * total);
                file.read(ReadRequest.window(start, Math.min(total - start, 1 + random.nextInt(1000)))
                        .withChannels(names));
            }
        }
    }
}

package io.neurofm.signal.io.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Windows, channel selection, mixed rates, dates, units and record counts of the EDF reader. */
class EdfReaderTest {
    private static final EdfReader READER = new EdfReader();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"eeg/eegmmidb_S001R01.edf", "eeg/test_bdf_stim_channel.bdf",
            "eeg/test_edf_stim_channel.edf", "eeg/capslpdb_brux2_100s.edf"})
    void windowsEqualSlicesOfTheFullRead(String name) throws Exception {
        try (EdfFile file = READER.open(TestData.file(name))) {
            float[][] all = file.readAll().samples();
            int n = all[0].length;
            int spr = file.edfHeader().signals().get(0).samplesPerRecord();
            long[][] windows = {{0, 1}, {spr - 1, 2}, {spr + 3, 5 * spr + 7}, {n - 1, 1}, {n - spr - 5, spr + 5},
                    {7, 0}, {0, n}, {n / 2, -1}};
            for (long[] w : windows) {
                if (w[0] < 0 || w[0] + Math.max(0, w[1]) > n) {
                    continue;
                }
                Recording r = file.read(ReadRequest.window(w[0], w[1]));
                int count = (int) (w[1] < 0 ? n - w[0] : w[1]);
                assertEquals(count, r.sampleCount());
                for (int c = 0; c < all.length; c++) {
                    float[] expected = java.util.Arrays.copyOfRange(all[c], (int) w[0], (int) w[0] + count);
                    assertArrayEquals(expected, r.channelData(c), "window " + w[0] + "+" + w[1] + " channel " + c);
                }
                assertEquals(w[0] / r.samplingRate(), r.startSeconds(), 1e-12);
            }
        }
    }

    @Test
    void channelSubsetKeepsRequestedOrder() throws Exception {
        try (EdfFile file = READER.open(TestData.file("eeg/eegmmidb_S001R01.edf"))) {
            Recording all = file.readAll();
            Recording some = file.read(ReadRequest.window(100, 400).withChannels(List.of("Iz..", "Fc5.", "Cz..")));
            assertEquals(List.of("Iz..", "Fc5.", "Cz.."), some.channelNames());
            for (int c = 0; c < 3; c++) {
                float[] expected = java.util.Arrays.copyOfRange(all.channelData(all.indexOf(some.channel(c).name())),
                        100, 500);
                assertArrayEquals(expected, some.channelData(c));
            }
            Transform read = some.provenance().get(0);
            assertEquals("read", read.operation());
            assertEquals("eegmmidb_S001R01.edf", read.parameters().get("file"));
            assertEquals("EDF+C", read.parameters().get("format"));
            assertEquals("samples [100, 500) at 160.0 Hz", read.parameters().get("window"));
            assertEquals("Iz..,Fc5.,Cz..", read.parameters().get("channels"));
            assertFalse(all.provenance().get(0).parameters().containsKey("window"));
        }
    }

    @Test
    void windowsPastTheEndAndUnknownChannelsAreRefused() throws Exception {
        try (EdfFile file = READER.open(TestData.file("eeg/eegmmidb_S001R01.edf"))) {
            long n = file.header().sampleCounts().get(0);
            SignalException past = assertThrows(SignalException.class, () -> file.read(ReadRequest.window(n - 10, 11)));
            assertTrue(past.getMessage().contains("past the end"), past.getMessage());
            assertThrows(SignalException.class, () -> file.read(ReadRequest.window(n + 1, -1)));
            assertEquals(0, file.read(ReadRequest.window(n, -1)).sampleCount());
            SignalException unknown = assertThrows(SignalException.class,
                    () -> file.read(ReadRequest.all().withChannels(List.of("Cz"))));
            assertTrue(unknown.getMessage().contains("\"Cz\""), unknown.getMessage());
        }
    }

    @Test
    void unevenRatesAreReportedPerChannelAndMixedSelectionsRefused() throws Exception {
        try (EdfFile file = READER.open(TestData.file("eeg/test_uneven_samp.edf"))) {
            RecordingHeader h = file.header();
            assertFalse(h.hasUniformRate());
            // 1000 and 128 samples per 10 s record
            assertEquals(List.of(12.8, 100.0), h.samplingRates());
            assertEquals(List.of(11000L, 1408L), h.sampleCounts());
            SignalException mixed = assertThrows(SignalException.class, file::readAll);
            assertTrue(mixed.getMessage().contains("12.8") && mixed.getMessage().contains("100.0"),
                    mixed.getMessage());
            Recording slow = file.read(ReadRequest.window(10, 100).withChannels(List.of("0.2Hz Blk 1/0uV")));
            assertEquals(12.8, slow.samplingRate(), 0.0);
            assertEquals(100, slow.sampleCount());
        }
    }

    @Test
    void windowAnnotationsAreClippedToTheWindow() throws Exception {
        try (EdfFile file = READER.open(TestData.file("eeg/eegmmidb_S001R01.edf"))) {
            Annotation t0 = file.header().annotations().get(0);
            Recording window = file.read(ReadRequest.window(1600, 160));
            assertEquals(1, window.annotations().size());
            // T0 spans 0..60.2 s: inside a 10..11 s window it becomes 0..1 s (MNE's crop rule).
            assertEquals(0.0, t0.onsetSeconds(), 0.0);
            assertEquals(0.0, window.annotations().get(0).onsetSeconds(), 1e-12);
            assertEquals(1.0, window.annotations().get(0).durationSeconds(), 1e-12);
            Recording after = file.read(ReadRequest.window(61 * 160 - 100, 100));
            assertTrue(after.annotations().isEmpty(), "T0 ends at 60.2 s, before the window at 60.375 s");
        }
    }

    @Test
    void startTimeOfAWindowIsItsFirstSample() throws Exception {
        try (EdfFile file = READER.open(TestData.file("eeg/eegmmidb_S001R01.edf"))) {
            Recording r = file.read(ReadRequest.window(240, 10));
            assertEquals(file.header().startTime().plusMillis(1500), r.startTime());
        }
    }

    @Test
    void headerPropertiesDescribeTheFile() throws Exception {
        try (EdfFile file = READER.open(TestData.file("eeg/eegmmidb_S001R01.edf"))) {
            var p = file.header().properties();
            assertEquals("false", p.get("discontinuous"));
            assertEquals("61", p.get("data_records"));
            assertEquals("1", p.get("record_duration"));
            assertEquals("EDF+C", p.get("reserved"));
        }
        try (EdfFile file = READER.open(TestData.file("eeg/test_bdf_stim_channel.bdf"))) {
            assertEquals("BIOSEMI", file.header().properties().get("version"));
            assertEquals(3, file.edfHeader().sampleBytes());
        }
    }

    @Test
    void unknownRecordCountIsComputedFromTheFileSize() throws Exception {
        EdfBytes b = EdfBytes.of(TestData.file("eeg/capslpdb_brux2_100s.edf")).field(236, 8, "-1");
        try (EdfFile file = READER.open(b.write(dir, "running.edf"))) {
            assertEquals("100", file.header().properties().get("data_records"));
            assertEquals("-1", file.header().properties().get("declared_data_records"));
            assertEquals(25600L, file.header().sampleCounts().get(0));
        }
        int recordBytes = 5 * 256 * 2;
        Path partial = b.writeTruncated(dir, "partial.edf", b.bytes.length - recordBytes / 2);
        try (EdfFile file = READER.open(partial)) {
            assertEquals("99", file.header().properties().get("data_records"));
            assertEquals(String.valueOf(recordBytes / 2), file.header().properties().get("trailing_bytes"));
        }
    }

    @Test
    void twoDigitYearsFollowTheClippingRule() throws Exception {
        // capslpdb has no "Startdate" recording field, so the header date decides
        EdfBytes b = EdfBytes.of(TestData.file("eeg/capslpdb_brux2_100s.edf"));
        assertEquals(Instant.parse("2084-02-04T22:07:23Z"), start(b.field(168, 8, "04.02.84")));
        assertEquals(Instant.parse("1985-02-04T22:07:23Z"), start(b.field(168, 8, "04.02.85")));
        assertEquals(Instant.parse("1999-12-31T22:07:23Z"), start(b.field(168, 8, "31.12.99")));
        b.field(168, 8, "31.02.99");
        try (EdfFile file = READER.open(b.write(dir, "bad-date.edf"))) {
            assertNull(file.header().startTime());
            assertEquals("true", file.header().properties().get("startdate_invalid"));
        }
    }

    @Test
    void recordingStartdateOverridesTheTwoDigitYear() throws Exception {
        EdfBytes b = EdfBytes.of(TestData.file("eeg/capslpdb_brux2_100s.edf"))
                .field(88, 80, "Startdate 07-MAR-2091 X X X").field(168, 8, "01.01.01");
        assertEquals(Instant.parse("2091-03-07T22:07:23Z"), start(b));
        b.field(88, 80, "Startdate X X X X");
        assertEquals(Instant.parse("2001-01-01T22:07:23Z"), start(b));
    }

    private Instant start(EdfBytes b) throws Exception {
        try (EdfFile file = READER.open(b.write(dir, "dated.edf"))) {
            return file.header().startTime();
        }
    }

    @Test
    void voltagePrefixesAreConvertedToVoltsOtherUnitsKept() throws Exception {
        Path original = TestData.file("eeg/capslpdb_brux2_100s.edf");
        float[] uv;
        try (EdfFile file = READER.open(original)) {
            uv = file.read(ReadRequest.window(0, 256).withChannels(List.of("Fp2-F4"))).channelData(0);
        }
        EdfBytes b = EdfBytes.of(original);
        String[][] cases = {{"mV", "V", "1e3"}, {"nV", "V", "1e-3"}, {"V", "V", "1e6"}, {"degC", "degC", "1e6"}};
        for (String[] c : cases) {
            b.field(b.signalField(EdfBytes.DIMENSION, 8, 0), 8, c[0]);
            try (EdfFile file = READER.open(b.write(dir, "unit.edf"))) {
                Recording r = file.read(ReadRequest.window(0, 256).withChannels(List.of("Fp2-F4")));
                assertEquals(c[1], r.channel(0).unit(), c[0]);
                double ratio = Double.parseDouble(c[2]);
                for (int i = 0; i < uv.length; i++) {
                    assertEquals(uv[i] * ratio, r.sample(0, i), 1e-6 * Math.abs(uv[i] * ratio) + 1e-30, c[0]);
                }
            }
        }
    }

    @Test
    void bdfStatusChannelKeepsTheLow17Bits() throws Exception {
        Path original = TestData.file("eeg/test_bdf_stim_channel.bdf");
        EdfBytes b = EdfBytes.of(original);
        int status = 3;
        int headerBytes = 256 * 5;
        int first = headerBytes + status * 500 * 3;
        // 0xFF0005 (negative as 24-bit): bits 16..23 set above trigger code 5; MNE's 2**17-1 mask keeps bit 16
        b.raw(first, (byte) 0x05, (byte) 0x00, (byte) 0xFF);
        try (EdfFile file = READER.open(b.write(dir, "status.bdf"))) {
            Recording r = file.read(ReadRequest.window(0, 1).withChannels(List.of("Status")));
            assertEquals(0x10005, (int) r.sample(0, 0));
            assertEquals(io.neurofm.signal.ChannelType.STIM, r.channel(0).type());
        }
    }

    @Test
    void discontinuousRecordsKeepTheirOnsetsAndAnnotationsLandOnTheSampleTimeline() throws Exception {
        Path continuous = dir.resolve("c.edf");
        float[][] data = new float[1][400];
        for (int i = 0; i < 400; i++) {
            data[0][i] = (float) (1e-5 * Math.sin(i / 7.0));
        }
        Recording source = new Recording(List.of(io.neurofm.signal.Channel.of("Cz", io.neurofm.signal.ChannelType.EEG,
                100)), data, 100, List.of(Annotation.of(0.25, 0, "room for the TALs written below")), null, Instant.parse("2020-05-01T10:00:00Z"), 0,
                List.of(Transform.of("test")));
        EdfWriter.write(source, continuous);
        EdfBytes b = EdfBytes.of(continuous).field(192, 44, "EDF+D");
        EdfHeader h;
        try (EdfFile file = READER.open(continuous)) {
            h = file.edfHeader();
        }
        EdfSignal tal = h.signals().get(1);
        int talBytes = tal.samplesPerRecord() * 2;
        String[] tals = {"+0\u0014\u0014\u0000", "+1\u0014\u0014\u0000",
                "+5\u0014\u0014\u0000+5.5\u00150.25\u0014gap-after\u0014\u0000", "+6\u0014\u0014\u0000"};
        for (int r = 0; r < 4; r++) {
            byte[] bytes = new byte[talBytes];
            byte[] t = tals[r].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, bytes, 0, t.length);
            b.raw((int) h.offsetOf(r, tal), bytes);
        }
        try (EdfFile file = READER.open(b.write(dir, "d.edf"))) {
            RecordingHeader header = file.header();
            assertEquals("EDF+D", header.format());
            assertEquals("true", header.properties().get("discontinuous"));
            assertEquals("0.0 1.0 5.0 6.0", header.properties().get("record_onsets"));
            assertArrayEquals(new double[] {0, 1, 5, 6}, file.recordOnsets());
            assertEquals(5.5, header.annotations().get(0).onsetSeconds(), 0.0);
            Recording all = file.readAll();
            assertEquals(400, all.sampleCount());
            // 5.5 s lies half a second into record 2, which holds samples 200..299
            assertEquals(2.5, all.annotations().get(0).onsetSeconds(), 1e-12);
            Recording third = file.read(ReadRequest.window(200, 100));
            assertEquals(0.5, third.annotations().get(0).onsetSeconds(), 1e-12);
            assertEquals(Instant.parse("2020-05-01T10:00:05Z"), third.startTime());
        }
        b.raw((int) h.offsetOf(3, tal), "+5.5\u0014\u0014\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        SignalFormatException overlap = assertThrows(SignalFormatException.class,
                () -> READER.open(b.write(dir, "overlap.edf")));
        assertEquals("EDF Annotations", overlap.field());
    }
}

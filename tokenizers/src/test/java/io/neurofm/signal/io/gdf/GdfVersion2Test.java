package io.neurofm.signal.io.gdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDF 2.x features the shared real file (GDF 1.25) cannot show, on files {@link GdfTestWriter}
 * writes: every expected value follows from the digital values and header fields written.
 */
class GdfVersion2Test {
    @TempDir
    Path dir;

    private static double[] ramp(int n, double first, double step) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = first + i * step;
        }
        return v;
    }

    /** GDF 2.20, 3 channels of different types and units, tags 1 and 3, unsorted mode-3 events. */
    private GdfTestWriter mixedTypes() {
        GdfTestWriter w = new GdfTestWriter();
        w.records = 10;
        w.durationNumerator = 1;
        w.durationDenominator = 25;
        w.channel(new GdfTestWriter.Chan("Cz", 4275, -3276.8, 3276.7, -32768, 32767, 4, GdfDataType.INT16,
                ramp(40, -20000, 997)));
        w.channel(new GdfTestWriter.Chan("C3", 4274, -1, 1, -1, 1, 4, GdfDataType.FLOAT32,
                ramp(40, -0.5, 0.025)));
        w.channel(new GdfTestWriter.Chan("Z", 4288 + 3, 0, 1000, -8388608, 8388607, 4, GdfDataType.INT24,
                ramp(40, -8388608, 400000)));
        w.tags(GdfTestWriter.tag(1, GdfTestWriter.texts("", "left button", "right button", "")),
                GdfTestWriter.tag(3, GdfTestWriter.texts("Acme", "EEG-1", "1.0", "SN42")));
        w.eventMode = 3;
        w.eventRate = 1000;
        w.event(201, 0x0002, 2, 100)
                .event(1, 0x0300, 0, 400)
                .event(51, 0x0001, 0, 0)
                .event(51, 0x0301, 0, 250)
                .event(51, 0x0311, 1, 0);
        return w;
    }

    @Test
    void readsGdf220WithTaggedHeaderMixedTypesAndMode3Events() throws IOException {
        GdfTestWriter w = mixedTypes();
        try (GdfFile file = new GdfReader().open(w.write(dir.resolve("mixed.gdf")), OpenOptions.DEFAULT)) {
            RecordingHeader h = file.header();
            assertEquals("GDF 2.20", h.format());
            assertEquals(List.of("Cz", "C3", "Z"), h.channels().stream().map(c -> c.name()).toList());
            assertEquals(List.of(ChannelType.EEG, ChannelType.EEG, ChannelType.MISC),
                    h.channels().stream().map(c -> c.type()).toList());
            assertEquals(List.of("V", "V", "Ohm"), h.channels().stream().map(c -> c.unit()).toList());
            assertEquals(List.of(100.0), h.samplingRates(), "4 samples per 1/25 s record");
            assertEquals(List.of(40L, 40L, 40L), h.sampleCounts());
            assertEquals("1,3", h.properties().get("header extension tags"));
            assertEquals("Acme EEG-1 1.0 SN42", h.properties().get("manufacturer"));
            assertEquals("left button", h.properties().get("user event 0x0001"));
            assertEquals("left button", file.describe(1).orElseThrow());
            assertEquals("right button", file.describe(2).orElseThrow());
            assertEquals("condition 3", file.describe(3).orElseThrow(), "codes the file does not name: standard table");
            assertEquals("class1, Left hand - cue onset (BCI experiment)", file.describe(0x0301).orElseThrow());

            Recording r = file.readAll();
            double[] scale = {1e-6, 1e-3, 1e3};
            for (int c = 0; c < 3; c++) {
                GdfTestWriter.Chan ch = w.channels.get(c);
                for (int t = 0; t < 40; t++) {
                    double expected = ch.physical(t) * scale[c];
                    assertEquals(expected, r.sample(c, t), Math.abs(expected) * 1e-6 + 1e-12, "channel " + c + " t " + t);
                }
            }

            // onsets (pos - 1) / 1000 Hz event rate, not the 100 Hz data rate; sorted by onset then duration
            List<Annotation> expected = List.of(
                    Annotation.ofCode(0.0, 0.4, 0x0300),
                    Annotation.ofCode(0.05, 0.0, 0x0001),
                    Annotation.ofCode(0.05, 0.0, 0x0311),
                    Annotation.ofCode(0.05, 0.25, 0x0301),
                    Annotation.ofCode(0.2, 0.1, 0x0002));
            assertEquals(expected, r.annotations());
            assertEquals(2, file.gdfHeader().eventTable().events().get(0).channel());
            assertEquals("1000.0", h.properties().get("event sampling rate"));
        }
    }

    @Test
    void mixedRatesAreReportedPerChannelAndRefusedTogether() throws IOException {
        GdfTestWriter w = new GdfTestWriter();
        w.records = 6;
        w.durationNumerator = 1;
        w.durationDenominator = 25;
        w.channel(new GdfTestWriter.Chan("fast", 4256, -1, 1, -1, 1, 4, GdfDataType.FLOAT32, ramp(24, 0, 0.01)));
        w.channel(new GdfTestWriter.Chan("slow", 4256, -100, 100, -100, 100, 2, GdfDataType.INT8, ramp(12, -6, 1)));
        try (GdfFile file = new GdfReader().open(w.write(dir.resolve("rates.gdf")), OpenOptions.DEFAULT)) {
            RecordingHeader h = file.header();
            assertEquals(100.0, h.channels().get(0).samplingRate());
            assertEquals(50.0, h.channels().get(1).samplingRate());
            assertEquals(List.of(24L, 12L), h.sampleCounts());
            SignalException e = assertThrows(SignalException.class, file::readAll);
            assertTrue(e.getMessage().contains("[50.0, 100.0]"), e.getMessage());

            long before = file.dataBytesRead();
            Recording slow = file.read(ReadRequest.window(3, 4).withChannels(List.of("slow")));
            assertEquals(3 * (4 * 4 + 2), file.dataBytesRead() - before, "samples 3..6 lie in records 1..3");
            assertEquals(50.0, slow.samplingRate());
            assertArrayEquals(new float[] {-3, -2, -1, 0}, slow.channelData(0));
            Recording fast = file.read(ReadRequest.window(20, -1).withChannels(List.of("fast")));
            assertArrayEquals(new float[] {0.2f, 0.21f, 0.22f, 0.23f}, fast.channelData(0), 1e-7f);
        }
    }

    @Test
    void everyDataTypeDecodesItsExtremes() throws IOException {
        Object[][] types = {
            {GdfDataType.INT8, -128.0, 127.0},
            {GdfDataType.UINT8, 0.0, 255.0},
            {GdfDataType.INT16, -32768.0, 32767.0},
            {GdfDataType.UINT16, 0.0, 65535.0},
            {GdfDataType.INT32, -2147483648.0, 2147483647.0},
            {GdfDataType.UINT32, 0.0, 4294967295.0},
            {GdfDataType.INT64, -0x1p63, 0x1p62},
            {GdfDataType.UINT64, 0.0, 0x1p63 + 0x1p11},
            {GdfDataType.FLOAT32, -1.5e30, 3.25},
            {GdfDataType.FLOAT64, -2.5e-300, 1.0e300},
            {GdfDataType.INT24, -8388608.0, 8388607.0},
            {GdfDataType.UINT24, 0.0, 16777215.0},
        };
        GdfTestWriter w = new GdfTestWriter();
        w.records = 1;
        for (Object[] t : types) {
            double lo = (double) t[1];
            double hi = (double) t[2];
            GdfDataType type = (GdfDataType) t[0];
            // physical range = digital range: samples come out as their digital values, in volts
            w.channel(new GdfTestWriter.Chan(type.name(), 4256, lo, hi, lo, hi, 3, type, new double[] {lo, hi, 0}));
        }
        try (GdfFile file = new GdfReader().open(w.write(dir.resolve("types.gdf")), OpenOptions.DEFAULT)) {
            Recording r = file.readAll();
            for (int c = 0; c < types.length; c++) {
                double lo = (double) types[c][1];
                double hi = (double) types[c][2];
                assertArrayEquals(new float[] {(float) lo, (float) hi, 0f}, r.channelData(c), Math.abs((float) hi) * 1e-6f,
                        types[c][0].toString());
            }
        }
    }

    @Test
    void gdf221RecordDurationIsFloat64() throws IOException {
        GdfTestWriter w = new GdfTestWriter();
        w.version = "GDF 2.21";
        w.durationSeconds = 0.25;
        w.records = 3;
        w.channel(new GdfTestWriter.Chan("A", 4256, -1, 1, -1, 1, 4, GdfDataType.FLOAT32, ramp(12, 0, 0.125)));
        try (GdfFile file = new GdfReader().open(w.write(dir.resolve("v221.gdf")), OpenOptions.DEFAULT)) {
            assertEquals(16.0, file.header().channels().get(0).samplingRate());
            assertEquals("0.25", file.header().properties().get("record duration s"));
            assertEquals(0.75, file.readAll().durationSeconds());
        }
    }

    @Test
    void mode1EventsAreInstantaneousAndRateZeroMeansTheDataRate() throws IOException {
        GdfTestWriter w = new GdfTestWriter();
        w.records = 4;
        w.durationDenominator = 2;
        w.channel(new GdfTestWriter.Chan("A", 4275, -1, 1, -1, 1, 1, GdfDataType.FLOAT64, ramp(4, 0, 0.5)));
        w.eventMode = 1;
        w.eventRate = 0;
        w.event(3, 0x0302, 0, 0).event(1, 0x0300, 0, 0);
        try (GdfFile file = new GdfReader().open(w.write(dir.resolve("mode1.gdf")), OpenOptions.DEFAULT)) {
            assertEquals(List.of(Annotation.ofCode(0.0, 0, 0x0300), Annotation.ofCode(1.0, 0, 0x0302)),
                    file.header().annotations());
            assertEquals("1", file.header().properties().get("event table mode"));
            assertEquals("2.0", file.header().properties().get("event sampling rate"));
            assertEquals("0.0", file.header().properties().get("event sampling rate in file"));
        }
    }

    @Test
    void noEventTableAndGdfStartTime() throws IOException {
        GdfTestWriter w = new GdfTestWriter();
        w.records = 2;
        long days = LocalDate.of(2021, 6, 15).toEpochDay() + 719529;
        w.startTime = days << 32 | 1L << 31;  // noon: the fraction of the day is 0.5
        w.channel(new GdfTestWriter.Chan("A", 0, -1, 1, -1, 1, 1, GdfDataType.INT8, new double[] {1, -1}));
        try (GdfFile file = new GdfReader().open(w.write(dir.resolve("noevents.gdf")), OpenOptions.DEFAULT)) {
            assertEquals(Instant.parse("2021-06-15T12:00:00Z"), file.header().startTime());
            assertEquals(List.of(), file.header().annotations());
            assertEquals("none", file.header().properties().get("event table mode"));
            assertEquals(ChannelType.EEG, file.header().channels().get(0).type(), "unit code 0: MNE's EEG in V");
            assertArrayEquals(new float[] {1, -1}, file.readAll().channelData(0));
        }
    }

    @Test
    void recordsLargerThanAChunkReadOnlyTheSelectedChannel() throws IOException {
        GdfTestWriter w = new GdfTestWriter();
        w.records = 3;
        w.channel(new GdfTestWriter.Chan("A", 4256, -1e3, 1e3, -1e3, 1e3, 50, GdfDataType.INT16, ramp(150, -75, 1)));
        w.channel(new GdfTestWriter.Chan("B", 4256, -1, 1, -1, 1, 50, GdfDataType.FLOAT64, ramp(150, -0.75, 0.01)));
        Path path = w.write(dir.resolve("big.gdf"));
        Recording reference;
        try (GdfFile file = new GdfReader().open(path, OpenOptions.DEFAULT)) {
            reference = file.readAll();
        }
        try (GdfFile file = new GdfReader().open(path, OpenOptions.DEFAULT)) {
            file.chunkBytes(16);   // smaller than one 500-byte record and than some channel blocks
            Recording all = file.readAll();
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(reference.channelData(c), all.channelData(c));
            }
            long before = file.dataBytesRead();
            Recording b = file.read(ReadRequest.window(45, 60).withChannels(List.of("B")));
            assertEquals(60 * 8, file.dataBytesRead() - before, "only B's 60 samples are read");
            float[] expected = new float[60];
            System.arraycopy(reference.channelData(1), 45, expected, 0, 60);
            assertArrayEquals(expected, b.channelData(0));
        }
    }

    @Test
    void ambiguousChannelNamesAreRefusedForSelection() throws IOException {
        GdfTestWriter w = new GdfTestWriter();
        w.records = 1;
        w.channel(new GdfTestWriter.Chan("A", 4256, -1, 1, -1, 1, 1, GdfDataType.INT8, new double[] {1}));
        w.channel(new GdfTestWriter.Chan("A", 4256, -1, 1, -1, 1, 1, GdfDataType.INT8, new double[] {0}));
        try (GdfFile file = new GdfReader().open(w.write(dir.resolve("dup.gdf")), OpenOptions.DEFAULT)) {
            assertEquals(2, file.readAll().channelCount());
            SignalException e = assertThrows(SignalException.class,
                    () -> file.read(ReadRequest.all().withChannels(List.of("A"))));
            assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
        }
    }
}

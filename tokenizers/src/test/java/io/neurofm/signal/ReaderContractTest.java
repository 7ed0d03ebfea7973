package io.neurofm.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every reader promises, checked on every shared real file through {@link Readers}: the
 * header agrees with the full read, a window equals the same slice of the full read (samples,
 * shifted events, start time), provenance starts with the read, and bad windows are refused.
 */
class ReaderContractTest {

    static List<SharedRecordings.Entry> files() {
        return SharedRecordings.all();
    }

    @ParameterizedTest
    @MethodSource("files")
    void headerAgreesWithFullRead(SharedRecordings.Entry entry) throws Exception {
        try (SignalFile file = Readers.open(entry.path(), entry.options())) {
            RecordingHeader header = file.header();
            double rate = header.samplingRates().get(header.samplingRates().size() - 1);
            List<String> names = Readers.channelsAtRate(header, rate);
            Recording full = file.read(ReadRequest.all().withChannels(names));
            assertEquals(names, full.channelNames());
            assertEquals(rate, full.samplingRate());
            assertEquals((long) header.sampleCounts().get(header.indexOf(names.get(0))), full.sampleCount());
            assertEquals("read", full.provenance().get(0).operation());
            assertEquals(header.startTime(), full.startTime());
            assertEquals(0.0, full.startSeconds());
            for (Channel channel : full.channels()) {
                assertEquals(channel.type().siUnit().isEmpty() ? channel.unit() : channel.type().siUnit(),
                        channel.unit(), "unit of " + channel.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void windowEqualsSliceOfFullRead(SharedRecordings.Entry entry) throws Exception {
        try (SignalFile file = Readers.open(entry.path(), entry.options())) {
            RecordingHeader header = file.header();
            double rate = header.samplingRates().get(0);
            List<String> names = Readers.channelsAtRate(header, rate);
            Recording full = file.read(ReadRequest.all().withChannels(names));
            int n = full.sampleCount();
            int start = n / 3;
            int count = Math.max(1, n / 4);
            Recording window = file.read(new ReadRequest(start, count, names));
            assertEquals(count, window.sampleCount());
            for (int c = 0; c < full.channelCount(); c++) {
                float[] expected = java.util.Arrays.copyOfRange(full.channelData(c), start, start + count);
                assertArrayEquals(expected, window.channelData(c), "channel " + full.channel(c).name());
            }
            double offset = start / rate;
            assertEquals(offset, window.startSeconds(), 1e-9);
            if (full.startTime() != null) {
                Duration shift = Duration.between(full.startTime(), window.startTime());
                assertEquals(offset, shift.toNanos() / 1e9, 1e-6, "window start time");
            }
            for (Annotation a : window.annotations()) {
                assertTrue(a.onsetSeconds() >= -1e-9 && a.onsetSeconds() <= count / rate + 1e-9,
                        "window annotation outside the window: " + a);
                assertTrue(full.annotations().stream().anyMatch(f -> f.description().equals(a.description())
                                && Math.abs(f.onsetSeconds() - offset - a.onsetSeconds()) < 1e-6
                                || f.onsetSeconds() < offset && f.description().equals(a.description())),
                        "window annotation " + a + " is not a shifted annotation of the full read");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void badWindowsAndChannelsAreRefused(SharedRecordings.Entry entry) throws Exception {
        try (SignalFile file = Readers.open(entry.path(), entry.options())) {
            RecordingHeader header = file.header();
            double rate = header.samplingRates().get(0);
            List<String> names = Readers.channelsAtRate(header, rate);
            long n = header.sampleCounts().get(header.indexOf(names.get(0)));
            assertThrows(SignalException.class, () -> file.read(new ReadRequest(n - 1, 2, names)));
            assertThrows(SignalException.class, () -> file.read(new ReadRequest(n + 10, -1, names)));
            SignalException unknown = assertThrows(SignalException.class,
                    () -> file.read(ReadRequest.all().withChannels(List.of("no-such-channel"))));
            assertTrue(unknown.getMessage().contains("no-such-channel"), unknown.getMessage());
            assertFalse(header.channels().isEmpty());
        }
    }
}

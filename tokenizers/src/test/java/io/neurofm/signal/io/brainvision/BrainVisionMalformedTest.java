package io.neurofm.signal.io.brainvision;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-corrupted copies of test.vhdr/.vmrk/.eeg, one per class of damage, and a seeded mutation loop. */
class BrainVisionMalformedTest {
    @TempDir
    Path dir;

    private BrainVisionCopy copy() throws IOException {
        return new BrainVisionCopy(dir);
    }

    /** Opens and reads everything; returns the format error, failing if there is none. */
    private static SignalFormatException formatError(Path vhdr, String... mustMention) {
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> {
            try (SignalFile f = new BrainVisionReader().open(vhdr, OpenOptions.DEFAULT)) {
                f.readAll();
            }
        });
        for (String s : mustMention) {
            assertTrue(e.getMessage().contains(s), "message should mention " + s + ": " + e.getMessage());
        }
        return e;
    }

    @Test
    void missingDataFile() throws IOException {
        BrainVisionCopy c = copy().editHeader("DataFile=test.eeg\n", "");
        formatError(c.vhdr, "DataFile", "to be present");
    }

    @Test
    void dataFileThatDoesNotExist() throws IOException {
        BrainVisionCopy c = copy().editHeader("DataFile=test.eeg", "DataFile=absent.eeg");
        SignalException e = assertThrows(SignalException.class, () -> new BrainVisionReader().open(c.vhdr,
                OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("absent.eeg"), e.getMessage());
    }

    @Test
    void unknownBinaryFormat() throws IOException {
        formatError(copy().editHeader("BinaryFormat=INT_16", "BinaryFormat=INT_24").vhdr,
                "BinaryFormat", "INT_24", "IEEE_FLOAT_32");
    }

    @Test
    void asciiDataIsNotSupported() throws IOException {
        formatError(copy().editHeader("DataFormat=BINARY", "DataFormat=ASCII").vhdr, "DataFormat", "ASCII");
    }

    @Test
    void unknownOrientation() throws IOException {
        formatError(copy().editHeader("DataOrientation=MULTIPLEXED", "DataOrientation=SIDEWAYS").vhdr,
                "DataOrientation", "SIDEWAYS");
    }

    @Test
    void channelCountDisagreesWithChannelInfos() throws IOException {
        formatError(copy().editHeader("NumberOfChannels=32", "NumberOfChannels=31").vhdr,
                "[Channel Infos]", "32 entries");
        formatError(copy().editHeader("Ch32=ReRef,,0.5,C\n", "").vhdr, "[Channel Infos]", "31 entries");
    }

    @Test
    void channelNumbersOutOfRangeOrRepeated() throws IOException {
        formatError(copy().editHeader("Ch32=ReRef", "Ch33=ReRef").vhdr, "Ch33", "1..32");
        formatError(copy().editHeader("Ch32=ReRef", "Ch31=ReRef").vhdr, "Ch31");
        formatError(copy().editHeader("Ch32=ReRef", "Ch32=Vb").vhdr, "unique channel names");
    }

    @Test
    void nonNumericHeaderFields() throws IOException {
        formatError(copy().editHeader("NumberOfChannels=32", "NumberOfChannels=3x2").vhdr, "NumberOfChannels", "3x2");
        formatError(copy().editHeader("NumberOfChannels=32", "NumberOfChannels=999999999").vhdr,
                "NumberOfChannels", "1..65536");
        formatError(copy().editHeader("SamplingInterval=1000", "SamplingInterval=fast").vhdr, "SamplingInterval");
        formatError(copy().editHeader("SamplingInterval=1000", "SamplingInterval=-1000").vhdr, "SamplingInterval");
        formatError(copy().editHeader("SamplingInterval=1000", "SamplingInterval=0").vhdr, "SamplingInterval");
        formatError(copy().editHeader("SamplingInterval=1000", "SamplingInterval=1e-320").vhdr, "SamplingInterval");
        formatError(copy().editHeader("SamplingInterval=1000", "SamplingInterval=1e300").vhdr, "SamplingInterval");
        formatError(copy().editHeader("Ch5=C3,,0.5,", "Ch5=C3,,half,").vhdr, "Ch5", "resolution", "half");
        formatError(copy().editHeader("Ch5=C3,,0.5,", "Ch5=C3,,nan,").vhdr, "Ch5", "resolution");
    }

    @Test
    void wrongIdentificationLine() throws IOException {
        formatError(copy().editHeader("Brain Vision Data Exchange Header File Version 1.0",
                "Brain Vision Data Exchange Header File Version 3.0").vhdr, "identification line");
        formatError(copy().editMarkers("Brain Vision Data Exchange Marker File, Version 1.0", "Markers").vmrk.getParent()
                .resolve("test.vhdr"), "identification line", "test.vmrk");
    }

    @Test
    void dataFileSizeNotAMultipleOfAFrame() throws IOException {
        BrainVisionCopy c = copy();
        byte[] data = Files.readAllBytes(c.eeg);
        Files.write(c.eeg, Arrays.copyOf(data, data.length - 2));
        formatError(c.vhdr, "size of test.eeg", "multiple of NumberOfChannels x 2 bytes = 64");
        Files.write(c.eeg, new byte[0]);
        formatError(c.vhdr, "non-zero multiple");
    }

    @Test
    void dataPointsDisagreeingWithTheDataFile() throws IOException {
        formatError(copy().editHeader("SamplingInterval=1000", "SamplingInterval=1000\nDataPoints=7901").vhdr,
                "DataPoints", "7900");
    }

    @Test
    void markerPositionsOutOfRangeOrNotNumbers() throws IOException {
        formatError(copy().editMarkers("Mk14=Optic,O  1,7700,", "Mk14=Optic,O  1,7901,").vhdr,
                "Mk14", "1..7900", "7901");
        formatError(copy().editMarkers("Mk14=Optic,O  1,7700,", "Mk14=Optic,O  1,0,").vhdr, "Mk14", "1..7900");
        formatError(copy().editMarkers("Mk14=Optic,O  1,7700,", "Mk14=Optic,O  1,-3,").vhdr, "Mk14");
        formatError(copy().editMarkers("Mk14=Optic,O  1,7700,", "Mk14=Optic,O  1,77o0,").vhdr, "Mk14", "77o0");
        formatError(copy().editMarkers("Mk10=Response,R255,6000,1,0", "Mk10=Response,R255,6000,one,0").vhdr,
                "Mk10 (line 21) size", "one");
        formatError(copy().editMarkers("Mk10=Response,R255,6000,1,0", "Mk10=Response,R255,6000,1,33").vhdr,
                "Mk10", "channel", "0..32");
        formatError(copy().editMarkers("Mk10=Response,R255,6000,1,0", "Mk10=Response").vhdr, "Mk10");
    }

    @Test
    void impossibleRecordingDate() throws IOException {
        formatError(copy().editMarkers("20131113161403794232", "20131313161403794232").vhdr, "Mk1", "date");
    }

    @Test
    void brokenIniLines() throws IOException {
        formatError(copy().editHeader("[Binary Infos]", "[Binary Infos]\njust words").vhdr, "line", "key=value");
        formatError(copy().editHeader("DataFormat=BINARY", "DataFormat=BINARY\nDataFormat=BINARY").vhdr,
                "DataFormat", "each key once");
        formatError(copy().editHeader("[Common Infos]\n", "").vhdr, "[Section] line before any entry");
    }

    /**
     * 300 seeded random mutations of the header, the marker file and the data file: byte flips,
     * digit and line swaps, deletions and truncations. Only success or a SignalException may come out.
     */
    @Test
    void mutatedFilesGiveOnlySignalExceptions() throws IOException {
        BrainVisionCopy c = copy();
        byte[] vhdr = Files.readAllBytes(c.vhdr);
        byte[] vmrk = Files.readAllBytes(c.vmrk);
        byte[] eeg = Files.readAllBytes(c.eeg);
        Random random = new Random(20261127);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < 300; i++) {
            int target = random.nextInt(3);
            Files.write(c.vhdr, target == 0 ? mutateText(vhdr, random) : vhdr);
            Files.write(c.vmrk, target == 1 ? mutateText(vmrk, random) : vmrk);
            Files.write(c.eeg, target == 2 ? mutateBinary(eeg, random) : eeg);
            try (SignalFile f = new BrainVisionReader().open(c.vhdr, OpenOptions.DEFAULT)) {
                f.readAll();
            } catch (SignalException e) {
                failures.incrementAndGet();
            } catch (Exception | Error e) {
                fail("mutation " + i + " of " + new String[] {"vhdr", "vmrk", "eeg"}[target] + " gave " + e, e);
            }
        }
        System.out.println("BrainVision mutation loop: " + failures + " of 300 refused with a SignalException");
        // the loop must exercise the error paths, not only benign edits
        assertTrue(failures.get() > 50, failures + " of 300 mutations were refused");
    }

    private static byte[] mutateText(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = (byte) ('0' + random.nextInt(10));
                case 2 -> b[at] = (byte) ",=\n\\-.[]".charAt(random.nextInt(8));
                case 3 -> b = Arrays.copyOf(b, at);
                case 4 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(40));
                    byte[] shorter = new byte[b.length - len];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                    b = shorter;
                }
                default -> b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static byte[] mutateBinary(byte[] original, Random random) {
        byte[] b = original.clone();
        if (random.nextBoolean()) {
            return Arrays.copyOf(b, random.nextInt(b.length));
        }
        for (int e = 0; e < 10; e++) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }
}

package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelMapTest {
    private static final String GRAZ_MAP = "/io/neurofm/montage/graz_sample_channels.tsv";

    /** The bundled map fits the shared Graz GDF's labels, read from its header. */
    @Test
    void grazMapAppliesToTheGrazFileLabels() throws Exception {
        List<String> labels = HeaderLabels.gdf1(TestData.file("eeg/graz_mi_left_right.gdf"));
        assertEquals(List.of("Channel 1", "Channel 2", "Channel 3", "Channel 5"), labels);
        Recording recording = TestRecordings.counting(labels, 16);

        Recording mapped = ChannelMap.resource(GRAZ_MAP).apply(recording);

        assertEquals(List.of("C3", "Cz", "C4", "ECG"), mapped.channelNames());
        for (String site : List.of("C3", "Cz", "C4")) {
            Channel c = mapped.channel(mapped.indexOf(site));
            assertEquals(ChannelType.EEG, c.type());
            assertEquals(StandardMontage.TEN_TWENTY.position(site).orElseThrow(), c.position());
        }
        Channel ecg = mapped.channel(3);
        assertEquals(ChannelType.ECG, ecg.type());
        assertEquals("V", ecg.unit());
        assertNull(ecg.position());
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(recording.channelData(c), mapped.channelData(c));
        }
        Transform step = mapped.provenance().get(mapped.provenance().size() - 1);
        assertEquals("channel-map", step.operation());
        assertEquals("graz_sample_channels.tsv", step.parameters().get("source"));
        assertTrue(step.parameters().get("changes").contains("Channel 5->ECG type=ECG"), step.toString());
    }

    @Test
    void unknownChannelsAreNamed() throws Exception {
        Recording recording = TestRecordings.counting(List.of("Channel 1", "Channel 2"), 4);
        SignalException e = assertThrows(SignalException.class, () -> ChannelMap.resource(GRAZ_MAP).apply(recording));
        assertTrue(e.getMessage().contains("[Channel 3, Channel 5]"), e.getMessage());
    }

    @Test
    void tsvWithExplicitPositionsAndPartialColumns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("map.tsv");
        Files.writeString(file, "# my cap\nname\toriginal\tx\ty\tz\n"
                + "Fp1\tE1\t-0.03\t0.11\t0.03\nEOGL\tE2\t\t\t\n");
        ChannelMap map = ChannelMap.load(file);
        Recording out = map.apply(TestRecordings.counting(List.of("E1", "E2", "E3"), 3));
        assertEquals(List.of("Fp1", "EOGL", "E3"), out.channelNames());
        assertEquals(new Position(-0.03, 0.11, 0.03), out.channel(0).position());
        assertNull(out.channel(1).position());
        assertEquals(ChannelType.EEG, out.channel(1).type(), "type kept when not given");
    }

    @Test
    void jsonWithDefaultMontage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("map.json");
        Files.writeString(file, "{\"montage\": \"10-10\", \"channels\": ["
                + "{\"original\": \"A\", \"name\": \"FCz\"},"
                + "{\"original\": \"B\", \"name\": \"X\", \"x\": 0.01, \"y\": 0.02, \"z\": 0.1},"
                + "{\"original\": \"C\", \"name\": \"VEOG\", \"type\": \"eog\", \"montage\": null}]}");
        ChannelMap map = ChannelMap.load(file);
        assertEquals(StandardMontage.TEN_TEN, map.entries().get(0).montage());
        assertNull(map.entries().get(1).montage(), "an explicit position wins over the default montage");
        Recording in = TestRecordings.counting(List.of("A", "B", "D"), 2);
        SignalException e = assertThrows(SignalException.class, () -> map.apply(in));
        assertTrue(e.getMessage().contains("[C]"), e.getMessage());

        Recording out = map.apply(TestRecordings.counting(List.of("A", "B", "C"), 2));
        assertEquals(StandardMontage.TEN_TEN.position("FCz").orElseThrow(), out.channel(0).position());
        assertEquals(new Position(0.01, 0.02, 0.1), out.channel(1).position());
        assertEquals(ChannelType.EOG, out.channel(2).type());
    }

    @Test
    void montageMustContainTheNewName() throws Exception {
        ChannelMap map = ChannelMap.parseTsv("original\tname\tmontage\nA\tFC5\t10-20\n", null);
        SignalException e = assertThrows(SignalException.class,
                () -> map.apply(TestRecordings.counting(List.of("A"), 2)));
        assertTrue(e.getMessage().contains("FC5") && e.getMessage().contains("10-20"), e.getMessage());
    }

    @Test
    void clashingNamesAreRefused() throws Exception {
        ChannelMap map = ChannelMap.parseTsv("original\tname\nA\tB\n", null);
        SignalException e = assertThrows(SignalException.class,
                () -> map.apply(TestRecordings.counting(List.of("A", "B"), 2)));
        assertTrue(e.getMessage().contains("'A'") && e.getMessage().contains("'B'"), e.getMessage());
    }

    @Test
    void retypingNeverRescales() throws Exception {
        Recording misc = new Recording(List.of(Channel.of("Aux", ChannelType.MISC, 100)), new float[][] {{1, 2}},
                100, List.of(), RecordingIds.NONE, null, 0, List.of());
        ChannelMap map = ChannelMap.parseTsv("original\tname\ttype\nAux\tCz\tEEG\n", null);
        SignalException e = assertThrows(SignalException.class, () -> map.apply(misc));
        assertTrue(e.getMessage().contains("rescale"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                              // no header
            "original\tlabel\nA\tB\n",                       // unknown column
            "original\ttype\nA\tEEG\n",                      // no name column
            "original\tname\toriginal\nA\tB\tC\n",           // column twice
            "original\tname\ttype\nA\tB\tBRAIN\n",           // unknown type
            "original\tname\tx\ty\nA\tB\t0.1\t0.1\n",        // partial coordinates
            "original\tname\tx\ty\tz\nA\tB\t85\t10\t40\n",   // millimetres, not metres
            "original\tname\tx\ty\tz\nA\tB\tabc\t0\t0\n",    // not a number
            "original\tname\tmontage\nA\tB\tstandard_1020\n",// MNE's ambiguous name
            "original\tname\nA\tB\tC\n",                     // more cells than columns
            "original\tname\nA\t\n",                         // missing new name
            "original\tname\nA\tB\nA\tC\n",                  // listed twice
            "original\tname\tx\ty\tz\tmontage\nA\tCz\t0\t0\t0.1\t10-20\n" // position and montage
    })
    void malformedTsvIsAFormatError(String text) {
        assertThrows(SignalFormatException.class, () -> ChannelMap.parseTsv(text, Path.of("bad.tsv")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "{\"channels\": {}}", "{\"channels\": [1]}", "{\"channels\": [{\"original\": \"A\"}]}",
            "{\"channels\": [{\"original\": \"A\", \"name\": \"B\", \"colour\": \"red\"}]}",
            "{\"channels\": [{\"original\": 3, \"name\": \"B\"}]}", "{\"montage\": \"10-30\", \"channels\": []}",
            "{\"channels\": [{\"original\": \"A\", \"name\": \"B\", \"x\": 0.1}]}", "{\"channels\": ["
    })
    void malformedJsonIsAFormatError(String text) {
        assertThrows(SignalFormatException.class, () -> ChannelMap.parseJson(text, Path.of("bad.json")));
    }

    @Test
    void loadRefusesOtherExtensionsAndHugeFiles(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("map.csv"), "original,name\n");
        assertThrows(SignalException.class, () -> ChannelMap.load(csv));
        Path latin1 = Files.write(dir.resolve("latin1.tsv"), new byte[] {'o', 'r', 'i', 'g', 'i', 'n', 'a', 'l',
                '\t', 'n', 'a', 'm', 'e', '\n', (byte) 0xB5, 'V', '\t', 'C', 'z', '\n'});
        assertThrows(SignalFormatException.class, () -> ChannelMap.load(latin1));
        Path huge = dir.resolve("huge.tsv");
        Files.write(huge, new byte[(1 << 20) + 1]);
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> ChannelMap.load(huge));
        assertTrue(e.getMessage().contains("huge.tsv"), e.getMessage());
    }

    /** Seeded mutations of a valid map: only a format error or a valid map may come out. */
    @Test
    void mutatedMapsFailCleanly() {
        String valid = "original\tname\ttype\tx\ty\tz\tmontage\nChannel 1\tC3\tEEG\t\t\t\t10-20\n"
                + "Channel 2\tX\tEOG\t0.01\t0.02\t0.03\t\n";
        String json = "{\"montage\": \"10-20\", \"channels\": [{\"original\": \"Channel 1\", \"name\": \"C3\"},"
                + "{\"original\": \"B\", \"name\": \"X\", \"x\": 0.01, \"y\": 0.02, \"z\": 0.1}]}";
        java.util.Random random = new java.util.Random(20261127);
        String alphabet = "\t\n#.-0123456789eEaxyz{}[]\":,ECGX ";
        for (int i = 0; i < 600; i++) {
            String base = i % 2 == 0 ? valid : json;
            StringBuilder sb = new StringBuilder(base);
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits && sb.length() > 0; k++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.setLength(at);
                }
            }
            String text = sb.toString();
            try {
                ChannelMap map = i % 2 == 0 ? ChannelMap.parseTsv(text, null) : ChannelMap.parseJson(text, null);
                List<String> names = new ArrayList<>();
                map.entries().forEach(e -> names.add(e.original()));
                try {
                    map.apply(TestRecordings.counting(names, 2));
                } catch (SignalException expected) {
                    // a parsed map may still not apply (e.g. clashing names); that must be a SignalException
                }
            } catch (SignalFormatException expected) {
                // the only other outcome allowed
            } catch (RuntimeException e) {
                throw new AssertionError("mutation " + i + " escaped with " + e + " for input:\n" + text, e);
            }
        }
    }
}

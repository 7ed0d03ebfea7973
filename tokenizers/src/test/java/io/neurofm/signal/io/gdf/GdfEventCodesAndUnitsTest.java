package io.neurofm.signal.io.gdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.ChannelType;
import io.neurofm.signal.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GdfEventCodesAndUnitsTest {
    @Test
    void bundledTableIsTheSharedTableUnmodified() throws IOException {
        byte[] shared = Files.readAllBytes(TestData.file("eeg/gdf_eventcodes.txt"));
        try (InputStream in = GdfEventCodes.class.getResourceAsStream(GdfEventCodes.RESOURCE)) {
            assertArrayEquals(shared, in.readAllBytes(), "the GPL table is shipped as published");
        }
        long codeLines = Files.readAllLines(TestData.file("eeg/gdf_eventcodes.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("0x")).count();
        assertEquals(codeLines, GdfEventCodes.standard().codes().size());
    }

    @Test
    void describesStandardCodes() {
        GdfEventCodes codes = GdfEventCodes.standard();
        // the table separates these texts with TABs; whitespace runs become one space
        assertEquals(Optional.of("class1, Left hand - cue onset (BCI experiment)"), codes.describe(0x0301));
        assertEquals(Optional.of("class4, Tongue - cue onset (BCI experiment)"), codes.describe(0x0304));
        assertEquals(Optional.of("Sleep stage REM"), codes.describe(0x0415));
        assertEquals(Optional.of("end of class1, Left hand - cue onset (BCI experiment)"), codes.describe(0x8301));
        assertEquals(Optional.of("non-equidistant sampling value"), codes.describe(0x7FFF));
        assertEquals(Optional.empty(), codes.describe(0x0118), "commented-out lines are not codes");
        assertEquals(Optional.empty(), codes.describe(0x1234));
    }

    @Test
    void parseRejectsDamagedLines() {
        assertThrows(IllegalArgumentException.class, () -> GdfEventCodes.parse(List.of("0x03G1\tbad hex")));
        assertThrows(IllegalArgumentException.class, () -> GdfEventCodes.parse(List.of("0x0301 no tab")));
        assertThrows(IllegalArgumentException.class,
                () -> GdfEventCodes.parse(List.of("0x0301\tone", "0x0301\ttwo")));
        assertEquals(Optional.of("a b"), GdfEventCodes.parse(List.of("# c", "", "0x0001\t a \t b ")).describe(1));
    }

    @Test
    void dimensionCodesScaleToSi() {
        assertEquals(new GdfUnit("V", 1e-6, ChannelType.EEG), GdfUnit.fromCode(4275));
        assertEquals(new GdfUnit("V", 1e-3, ChannelType.EEG), GdfUnit.fromCode(4274));
        assertEquals(new GdfUnit("V", 1.0, ChannelType.EEG), GdfUnit.fromCode(4256));
        assertEquals(new GdfUnit("V", 1e-9, ChannelType.EEG), GdfUnit.fromCode(4276));
        assertEquals(new GdfUnit("V", 1.0, ChannelType.EEG), GdfUnit.fromCode(512), "dimensionless: MNE's EEG/V");
        assertEquals(new GdfUnit("V", 1.0, ChannelType.EEG), GdfUnit.fromCode(0), "unspecified: MNE's EEG/V");
        assertEquals(new GdfUnit("Ohm", 1e3, ChannelType.MISC), GdfUnit.fromCode(4288 + 3));
        assertEquals(new GdfUnit("degC", 1.0, ChannelType.MISC), GdfUnit.fromCode(6048));
        assertEquals(new GdfUnit("GDF unit code 4320", 1e-3, ChannelType.MISC), GdfUnit.fromCode(4320 + 18));
        assertNull(GdfUnit.fromCode(4256 + 12), "prefix codes 11-15 are not assigned");
        assertNull(GdfUnit.fromCode(4256 + 26), "prefix codes 26-31 are not assigned");
    }

    @Test
    void gdf1DimensionTexts() {
        assertEquals(1e-6, GdfUnit.fromText("uV").scale());
        assertEquals(1e-6, GdfUnit.fromText(new String(new byte[] {(byte) 0xB5, 'V'}, StandardCharsets.ISO_8859_1))
                .scale(), "latin-1 micro sign");
        assertEquals(1e-3, GdfUnit.fromText("mV").scale());
        assertEquals(1.0, GdfUnit.fromText("V").scale());
        assertEquals(new GdfUnit("V", 1.0, ChannelType.EEG), GdfUnit.fromText(""));
        assertEquals(new GdfUnit("mmHg", 1.0, ChannelType.MISC), GdfUnit.fromText("mmHg"));
        assertEquals(ChannelType.MISC, GdfUnit.fromText("xV").type(), "unknown prefix: kept as written");
        assertTrue(GdfUnit.fromText("xV").unit().equals("xV"));
    }

    @Test
    void versionField() {
        assertEquals(125, GdfVersion.parse("GDF 1.25").major() * 100 + GdfVersion.parse("GDF 1.25").minor());
        assertTrue(GdfVersion.parse("GDF 2.51").atLeast(GdfVersion.FLOAT_DURATION));
        assertNull(GdfVersion.parse("GDF 1.94"), "pre-2.0 drafts");
        assertNull(GdfVersion.parse("GDF 3.00"));
        assertNull(GdfVersion.parse("GDF 2.2 "));
        assertNull(GdfVersion.parse("0       "));
    }
}

package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Channel labels read straight from EDF / GDF 1 headers (16-byte labels from byte 256), so these
 * tests need no format reader.
 */
final class HeaderLabels {
    private HeaderLabels() {
    }

    /** EDF: the signal count is 4 ASCII characters at byte 252; "EDF Annotations" is left out. */
    static List<String> edf(Path file) throws IOException {
        byte[] header = Files.readAllBytes(file);
        int count = Integer.parseInt(new String(header, 252, 4, StandardCharsets.US_ASCII).trim());
        List<String> labels = labels(header, count);
        labels.removeIf(label -> label.equals("EDF Annotations"));
        return labels;
    }

    /** GDF 1.x: the signal count is a little-endian uint32 at byte 252. */
    static List<String> gdf1(Path file) throws IOException {
        byte[] header = Files.readAllBytes(file);
        assertTrue(new String(header, 0, 4, StandardCharsets.US_ASCII).equals("GDF "), "not a GDF file");
        int count = ByteBuffer.wrap(header, 252, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return labels(header, count);
    }

    private static List<String> labels(byte[] header, int count) {
        assertTrue(count > 0 && 256 + 16L * count <= header.length, "implausible signal count " + count);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(new String(header, 256 + 16 * i, 16, StandardCharsets.ISO_8859_1).trim());
        }
        return labels;
    }
}

package io.neurofm.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.probe.baseline.Band;
import io.neurofm.probe.baseline.BandPowerFeatures;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared Graz motor-imagery recording and its band-power features (cached per JVM). */
public final class GrazData {
    public static final List<String> CHANNELS = List.of("Channel 1", "Channel 2", "Channel 3");
    private static ProbeDataset features;

    private GrazData() {
    }

    public static Path file() {
        String configured = System.getProperty("neurofm.data");
        Path root = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data"))
                .toAbsolutePath().normalize();
        Path file = root.resolve("eeg/graz_mi_left_right.gdf");
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    public static Map<String, String> events() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("0x0301", "left");
        events.put("0x0302", "right");
        return events;
    }

    public static synchronized ProbeDataset bandPower() {
        if (features == null) {
            try {
                Recording r = Readers.read(file(), OpenOptions.DEFAULT);
                features = BandPowerFeatures.logVariance(r, events(), 0.5, 3.5, CHANNELS, Band.MOTOR_IMAGERY, 4, "graz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return features;
    }
}

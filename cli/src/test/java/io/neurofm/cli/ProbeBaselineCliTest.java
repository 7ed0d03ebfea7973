package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProbeBaselineCliTest {
    private static Path graz() {
        String configured = System.getProperty("neurofm.data");
        Path root = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data"))
                .toAbsolutePath().normalize();
        return root.resolve("eeg/graz_mi_left_right.gdf");
    }

    @Test
    void writesTheReportForGraz(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("probe-baseline", "--data", graz().toString(), "--events", "0x0301=left,0x0302=right",
                "--tmin", "0.5", "--tmax", "3.5", "--channels", "Channel 1,Channel 2,Channel 3", "--folds", "5",
                "--seeds", "2", "--probes", "lda", "--bootstrap", "200", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JsonMapper.builder().build().readTree(out.resolve("report.json").toFile());
        JsonNode lda = report.get("results").get(0);
        assertTrue(lda.get("summary_over_seeds").get("balanced_accuracy").get("mean").doubleValue() >= 0.9, run.out());
        assertTrue(Files.size(out.resolve(lda.get("plots").get("confusion").stringValue())) > 0);
        assertTrue(Files.readString(out.resolve("report.md")).contains("0x0301"));
    }

    @Test
    void badEventsAreAUsageError(@TempDir Path out) {
        CliRun run = CliRun.of("probe-baseline", "--data", graz().toString(), "--events", "0x0301", "--channels",
                "Channel 1", "--out", out.toString());
        assertTrue(run.exitCode() != 0);
        assertTrue(run.err().contains("EVENT=CLASS"), run.err());
    }
}

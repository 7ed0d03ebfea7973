package io.neurofm.probe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.probe.GrazData;
import io.neurofm.probe.LdaProbe;
import io.neurofm.probe.ProbeEvaluation;
import io.neurofm.probe.ProbeResult;
import io.neurofm.probe.Splitter;
import io.neurofm.probe.metrics.Metric;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProbeReportTest {
    @Test
    void writesJsonMarkdownAndPngs(@TempDir Path dir) throws Exception {
        ProbeResult r = ProbeEvaluation.run(GrazData.bandPower(), new LdaProbe(true), Splitter.stratified(5),
                List.of(0L, 1L, 2L), 100);
        List<Path> files = ProbeReport.write(dir, "Graz band power", Map.of("file", "graz"), List.of(r));
        assertEquals(4, files.size());
        JsonNode json = JsonMapper.builder().build().readTree(dir.resolve("report.json").toFile());
        JsonNode result = json.get("results").get(0);
        assertEquals(r.probe(), result.get("probe").stringValue());
        assertEquals(3, result.get("seeds").size());
        assertEquals(5, result.get("seeds").get(0).get("folds").size());
        assertEquals(r.summary().get(Metric.BALANCED_ACCURACY).mean(),
                result.get("summary_over_seeds").get("balanced_accuracy").get("mean").doubleValue(), 0);
        assertEquals(r.seeds().get(1).pooled().get(Metric.AUROC).low(),
                result.get("seeds").get(1).get("pooled").get("auroc").get("low").doubleValue(), 0);
        long total = 0;
        for (JsonNode row : result.get("confusion_over_seeds")) {
            for (JsonNode v : row) {
                total += v.longValue();
            }
        }
        assertEquals(3 * 40, total);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| balanced_accuracy |") && md.contains("-seeds.png"), md);
        for (String key : new String[] {"seeds", "confusion"}) {
            Path png = dir.resolve(result.get("plots").get(key).stringValue());
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image != null && image.getWidth() > 100, png.toString());
        }
    }
}

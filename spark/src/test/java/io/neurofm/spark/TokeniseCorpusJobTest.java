package io.neurofm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.cli.Main;
import io.neurofm.corpus.CorpusBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job against {@code neurofm corpus build} (run through the real CLI) on the shared
 * recordings: four recordings (BDF and EDF; three channel layouts, one file twice) resampled to
 * 128 Hz, small shards so that shards span recordings, and three Spark partitions for four
 * recordings so that a partition holds more than one. Every file of the two output folders must be equal
 * byte for byte; no field is exempt (the manifest holds no absolute output path and no time).
 */
class TokeniseCorpusJobTest {
    @TempDir
    Path tmp;

    static Path shared(String relative) {
        Path file = Path.of(System.getProperty("neurofm.data", "../../shared/data")).resolve(relative)
                .toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    @Test
    void sparkLocalModeGivesTheCliCorpusByteForByte() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<String> names = List.of("test_bdf_stim_channel.bdf", "capslpdb_brux2_100s.edf", "test_edf_stim_channel.edf");
        for (String name : names) {
            Files.copy(shared("eeg/" + name), data.resolve(name));
        }
        Files.copy(shared("eeg/capslpdb_brux2_100s.edf"), data.resolve("brux2_copy.edf"));
        assertEquals(0, Main.execute("tokenizer", "fit", "--type", "mulaw", "--resample", "128",
                "--out", tmp.resolve("mulaw.json").toString(),
                data.resolve(names.get(0)).toString(), data.resolve(names.get(1)).toString(),
                data.resolve(names.get(2)).toString()));
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, """
                {"inputs": [{"path": "data/test_bdf_stim_channel.bdf", "subject": "01"},
                            {"path": "data/capslpdb_brux2_100s.edf", "subject": "02"},
                            {"path": "data/test_edf_stim_channel.edf", "subject": "02", "session": "b"},
                            {"path": "data/brux2_copy.edf", "subject": "03"}],
                 "read": {"resample": 128},
                 "tokenizer": "mulaw.json",
                 "windowSeconds": 2.0, "strideSeconds": 1.5,
                 "validationFraction": 0.4, "splitUnit": "subject", "seed": 11,
                 "shardBytes": 40000}
                """);
        Path cliOut = tmp.resolve("cli-corpus");
        assertEquals(0, Main.execute("corpus", "build", "--spec", spec.toString(), "--out", cliOut.toString()));

        Path sparkOut = tmp.resolve("spark-corpus");
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("neurofm-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "2");
        CorpusBuilder.Result result;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            result = TokeniseCorpusJob.run(sc, spec, sparkOut, 3);
        }

        List<Path> cliFiles = files(cliOut);
        assertEquals(cliFiles, files(sparkOut));
        assertTrue(cliFiles.stream().filter(p -> p.toString().endsWith(".shard")).count() >= 4,
                "shards: " + cliFiles);
        assertTrue(result.trainWindows() > 0 && result.validationWindows() > 0, result.toString());
        for (Path relative : cliFiles) {
            assertArrayEquals(Files.readAllBytes(cliOut.resolve(relative)), Files.readAllBytes(sparkOut.resolve(relative)),
                    relative.toString());
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}

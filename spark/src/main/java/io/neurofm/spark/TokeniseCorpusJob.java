package io.neurofm.spark;

import io.neurofm.corpus.CorpusAssembler;
import io.neurofm.corpus.CorpusBuilder;
import io.neurofm.corpus.CorpusPlan;
import io.neurofm.corpus.CorpusSpec;
import io.neurofm.corpus.EncodedWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code neurofm corpus build} on a Spark cluster: the same spec gives the same corpus, byte for
 * byte. Executors do the expensive part (read, preprocess, window, tokenise: one task per group of
 * recordings, {@link TokeniseSources}); the driver writes the shards and the manifest with
 * {@link CorpusAssembler}, receiving the tokenised recordings in manifest order one partition at
 * a time, so its memory holds one partition's tokens. Paths are plain file paths: the spec, the
 * tokenizer and the recordings must be visible at the same path on every executor (a shared
 * volume), and {@code --out} on the driver.
 *
 * <pre>spark-submit --class io.neurofm.spark.TokeniseCorpusJob neurofm-spark.jar --spec spec.json --out DIR [--partitions N]</pre>
 */
public final class TokeniseCorpusJob {
    private TokeniseCorpusJob() {
    }

    public static void main(String[] args) throws IOException {
        Path spec = null;
        Path out = null;
        int partitions = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--spec" -> spec = Path.of(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                case "--partitions" -> partitions = Integer.parseInt(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --spec spec.json --out DIR [--partitions N]");
            }
            i++;
        }
        if (spec == null || out == null) {
            throw new IllegalArgumentException("usage: --spec spec.json --out DIR [--partitions N]");
        }
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("neurofm corpus build"))) {
            CorpusBuilder.Result r = run(sc, spec, out, partitions);
            System.out.printf("built %s: %d train windows, %d validation windows in %d shards; manifest %s%n", out,
                    r.trainWindows(), r.validationWindows(), r.shards(), r.manifest());
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /**
     * Builds the corpus of {@code specFile} into {@code out} (absent or empty).
     *
     * @param partitions Spark partitions of the recordings; 0 or more than the recordings for one per recording
     */
    public static CorpusBuilder.Result run(JavaSparkContext sc, Path specFile, Path out, int partitions)
            throws IOException {
        Path spec = specFile.toAbsolutePath().normalize();
        CorpusPlan plan = CorpusPlan.of(CorpusSpec.read(spec), spec.getParent());
        CorpusAssembler assembler = CorpusAssembler.create(plan, out);
        int sources = plan.sources().size();
        int slices = partitions <= 0 ? sources : Math.min(partitions, sources);
        List<Integer> indices = IntStream.range(0, sources).boxed().toList();
        // Persist, then count: every partition is tokenised in parallel and kept (spilling to disk);
        // the local iterator then hands them to the driver in order, one partition at a time.
        JavaRDD<TokenisedSource> tokenised = sc.parallelize(indices, slices)
                .mapPartitions(new TokeniseSources(spec.toString()))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            tokenised.count();
            Iterator<TokenisedSource> inOrder = tokenised.toLocalIterator();
            while (inOrder.hasNext()) {
                TokenisedSource source = inOrder.next();
                for (EncodedWindow window : source.windows()) {
                    assembler.add(window);
                }
                assembler.endSource(source.summary());
            }
        } finally {
            tokenised.unpersist(false);
        }
        return assembler.finish();
    }
}

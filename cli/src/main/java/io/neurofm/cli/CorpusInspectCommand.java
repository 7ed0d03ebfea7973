package io.neurofm.cli;

import io.neurofm.corpus.CorpusLoader;
import io.neurofm.corpus.CorpusSplit;
import io.neurofm.corpus.ShardShape;
import io.neurofm.corpus.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code neurofm corpus inspect DIR}: counts, shapes, split and hashes, after verifying the shards. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Verify a built corpus against its manifest and summarise it.")
final class CorpusInspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A corpus folder (holds manifest.json).")
    Path dir;

    @Option(names = "--verify", defaultValue = "full", paramLabel = "full|size",
            description = "full: SHA-256 of every shard (default); size: file sizes only.")
    String verify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Verification mode = Verification.valueOf(verify.toUpperCase(Locale.ROOT));
        CorpusLoader corpus = CorpusLoader.open(dir, mode);
        JsonNode m = corpus.manifest();
        PrintWriter w = spec.commandLine().getOut();
        JsonNode tok = m.get("tokenizer");
        JsonNode s = m.get("spec");
        w.printf(Locale.ROOT, "corpus %s (%s v%d), shards verified: %s%n", dir, m.get("format").asString(),
                m.get("version").asInt(), mode == Verification.FULL ? "sha256" : "size only");
        w.printf(Locale.ROOT, "tokenizer %s: %s sha256 %s%n", tok.get("type").asString(), tok.get("file").asString(),
                tok.get("sha256").asString());
        w.printf(Locale.ROOT, "windows %s s every %s s; preprocessing %s%n", s.get("windowSeconds"),
                s.get("strideSeconds"), m.get("preprocessing"));
        JsonNode split = m.get("split");
        w.printf(Locale.ROOT, "split by %s (seed %d, validation fraction %s): train groups %s, validation groups %s%n",
                split.get("unit").asString(), split.get("seed").asLong(), split.get("validation_fraction"),
                split.get("train_groups"), split.get("validation_groups"));
        for (JsonNode f : split.get("fallbacks")) {
            w.println("  fallback: " + f.asString());
        }
        for (String name : new String[] {"train", "validation"}) {
            CorpusSplit part = corpus.split(name);
            StringBuilder shapes = new StringBuilder();
            part.groups().forEach((ShardShape shape, long[] ids) -> shapes.append(shapes.isEmpty() ? "" : ", ")
                    .append(shape).append(" (").append(ids.length).append(")"));
            w.printf(Locale.ROOT, "%s: %d windows in %d shards; shapes %s%n", name, part.windowCount(),
                    part.shards().size(), shapes.isEmpty() ? "none" : shapes);
        }
        w.println("sources:");
        for (JsonNode src : m.get("sources")) {
            w.printf(Locale.ROOT, "  %d %s subject=%s session=%s %s %d windows %s%n", src.get("index").asInt(),
                    src.get("path").asString(), src.get("subject").asString(null), src.get("session").asString(null),
                    src.get("split").asString(), src.get("windows").asLong(), src.get("sha256"));
        }
        w.println("shards:");
        for (JsonNode shard : m.get("shards")) {
            w.printf(Locale.ROOT, "  %s %s %s %s %d windows %d bytes sha256 %s%n", shard.get("file").asString(),
                    shard.get("split").asString(), shard.get("dtype").asString(), shard.get("shape"),
                    shard.get("windows").asLong(), shard.get("bytes").asLong(), shard.get("sha256").asString());
        }
        w.flush();
        return 0;
    }
}

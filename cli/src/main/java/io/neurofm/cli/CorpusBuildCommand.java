package io.neurofm.cli;

import io.neurofm.corpus.CorpusBuilder;
import io.neurofm.corpus.CorpusSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurofm corpus build --spec spec.json --out DIR}. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Read, preprocess, tokenise and window the spec's recordings into shards + manifest.json.")
final class CorpusBuildCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "spec.json",
            description = "Corpus spec; relative paths in it are resolved against its folder.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New or empty output folder.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CorpusSpec corpusSpec = CorpusSpec.read(specFile);
        Path base = specFile.toAbsolutePath().getParent();
        CorpusBuilder.Result result = CorpusBuilder.build(corpusSpec, base, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("built %s: %d train windows, %d validation windows in %d shards; manifest %s%n", out,
                result.trainWindows(), result.validationWindows(), result.shards(), result.manifest());
        w.flush();
        return 0;
    }
}

package io.neurofm.cli;

import picocli.CommandLine.Command;

/** {@code neurofm bench ...}: benchmarks that print one JSON line each (never timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks printing one JSON line; see docs/benchmarks.md.",
        subcommands = {BenchSignalCommand.class, BenchTokenizerCommand.class, BenchTrainCommand.class, BenchServeCommand.class})
final class BenchCommand {
}

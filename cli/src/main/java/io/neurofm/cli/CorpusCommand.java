package io.neurofm.cli;

import picocli.CommandLine.Command;

/** {@code neurofm corpus ...}: pretraining corpora (see pretrain/docs/corpus.md). */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Build a tokenised, sharded pretraining corpus and inspect one.",
        subcommands = {CorpusBuildCommand.class, CorpusInspectCommand.class})
final class CorpusCommand {
}

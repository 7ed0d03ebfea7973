package io.neurofm.cli;

import picocli.CommandLine.Command;

/** {@code neurofm tokenizer ...}: making tokenizers (see docs/tokenize.md). */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Fit tokenizers and save their state (T.json + T.safetensors).",
        subcommands = {TokenizerFitCommand.class})
final class TokenizerCommand {
}

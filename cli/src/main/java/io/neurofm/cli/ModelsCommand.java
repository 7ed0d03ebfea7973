package io.neurofm.cli;

import picocli.CommandLine.Command;

/** {@code neurofm models ...}: the local model registry and artifact checks. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, show and verify model artifacts (see model-zoo/docs/artifact.md).",
        subcommands = {ModelsListCommand.class, ModelsShowCommand.class, ModelsVerifyCommand.class})
final class ModelsCommand {
}

package io.neurofm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code neurofm} command: one thin class per verb, each delegating to a module. */
@Command(name = "neurofm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Foundation models of brain signals: read, tokenise, train, evaluate, serve.",
        subcommands = {QuickstartCommand.class, InspectCommand.class, ConvertCommand.class, TokenizerCommand.class, TokenizeCommand.class,
                DetokenizeCommand.class, CorpusCommand.class, PretrainCommand.class, ModelsCommand.class,
                ProbeBaselineCommand.class, EmbedCommand.class, ProbeCommand.class, FinetuneCommand.class,
                ServeCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for callers that redirect its output. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

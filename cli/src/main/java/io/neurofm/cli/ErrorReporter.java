package io.neurofm.cli;

import io.neurofm.signal.SignalException;
import java.io.IOException;
import picocli.CommandLine;

/**
 * Turns expected failures (bad files, bad arguments) into one clear line and exit code 2; only
 * real bugs print a stack trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 70;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        if (e instanceof SignalException || e instanceof IOException || e instanceof IllegalArgumentException) {
            commandLine.getErr().println("neurofm " + commandLine.getCommandName() + ": " + e.getMessage());
            return USER_ERROR;
        }
        commandLine.getErr().println("neurofm " + commandLine.getCommandName() + ": internal error");
        e.printStackTrace(commandLine.getErr());
        return INTERNAL_ERROR;
    }
}

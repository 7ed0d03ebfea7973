package io.neurofm.cli;

import io.neurofm.artifact.Artifact;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neurofm models verify NAME[:VERSION]|PATH}: every file against checksums.sha256; exit 0
 * with "ok: N files verified", or exit 2 naming the failing file.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every file of an artifact against its checksums.sha256 (exit 2 naming the first "
                + "failing file).")
final class ModelsVerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME[:VERSION]|PATH", description = "A registry model (latest version when none "
            + "is given) or an artifact folder or .zip.")
    String model;

    @Mixin
    RegistryOption registryOption = new RegistryOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int files = Artifact.verify(registryOption.locate(model));
        PrintWriter out = spec.commandLine().getOut();
        out.println("ok: " + files + " files verified");
        out.flush();
        return 0;
    }
}

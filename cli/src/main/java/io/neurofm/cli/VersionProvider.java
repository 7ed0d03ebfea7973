package io.neurofm.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Maven's project version), "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"neurofm " + (version == null ? "dev" : version)};
    }
}

package io.neurofm.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The neurofm version recorded in artifacts, filled in by Maven from the project version. */
public final class NeurofmVersion {
    private static final String CURRENT = load();

    private NeurofmVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = NeurofmVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/neurofm/artifact/version.properties missing from the build");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("version.properties was not filtered by Maven: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.brainalign.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * This build's name and version, read once from {@code build.properties}, which Maven fills in
 * from the project version: what {@code --version} prints and what every score records as its
 * software.
 */
public final class Software implements IVersionProvider {
    /** E.g. {@code brainalign 0.1.0-SNAPSHOT}. */
    public static final String VERSION = "brainalign " + read();

    private static String read() {
        try (InputStream in = Software.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the brainalign jar; rebuild with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.startsWith("${")) {
                throw new IllegalStateException("build.properties has no filtered version ('" + v + "'); rebuild with Maven");
            }
            return v;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read build.properties: " + e.getMessage(), e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {VERSION};
    }
}

package io.bams3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The application version, from the resource the build writes. */
public final class BuildInfo {
    private BuildInfo() {}

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/bams3/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "dev");
    }
}

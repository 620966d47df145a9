package io.bams3.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The real BAMs shipped in src/test/resources/data (provenance in its README.md). */
public final class TestBams {
    public static final String NA12878 = "htsnexus_test_NA12878.bam";
    public static final String CHRM = "na12878-chrM-Y-trunc.bam";
    public static final String MPILEUP = "mpileup.1.bam";

    private TestBams() { }

    public static Path path(String name) {
        try {
            return Path.of(TestBams.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: data/" + name, e);
        }
    }
}

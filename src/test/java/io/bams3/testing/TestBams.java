package io.bams3.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The real BAMs shipped in src/test/resources/data and, for the demo dataset,
 * src/main/resources/demo (provenance in their README.md files).
 */
public final class TestBams {
    public static final String NA12878 = "htsnexus_test_NA12878.bam";
    public static final String CHRM = "na12878-chrM-Y-trunc.bam";
    public static final String MPILEUP = "mpileup.1.bam";

    private TestBams() {}

    public static Path path(String name) {
        String dir = name.equals(NA12878) ? "/demo/" : "/data/";
        try {
            return Path.of(TestBams.class.getResource(dir + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: data/" + name, e);
        }
    }
}

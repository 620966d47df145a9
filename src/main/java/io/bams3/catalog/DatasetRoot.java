package io.bams3.catalog;

import java.util.regex.Pattern;

/**
 * One place datasets live and the ids it answers for. An id matches when it starts with
 * {@code idPrefix} (empty: every id) and, if {@code idPattern} is set, matches it as a whole.
 * The dataset location is {@code location + "/" + rest + suffix}, where {@code rest} is the id
 * without the prefix; with a pattern, {@code location} may instead use its groups as
 * {@code {1}}, {@code {2}}, ... (then nothing is appended but the suffix).
 * {@code location} is a local directory or an {@code s3://bucket/prefix} URI.
 */
public record DatasetRoot(String location, String idPrefix, Pattern idPattern, String suffix) {
    public static final String DEFAULT_SUFFIX = ".bams3";

    public DatasetRoot {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a dataset root needs a location");
        }
        while (location.length() > 1 && location.endsWith("/") && !location.endsWith("://")) {
            location = location.substring(0, location.length() - 1);
        }
        idPrefix = idPrefix == null ? "" : idPrefix;
        suffix = suffix == null ? DEFAULT_SUFFIX : suffix;
    }

    /** The fixed part of the location (before any {n} group), e.g. to check that the store answers. */
    public String base() {
        int brace = location.indexOf('{');
        return brace < 0 ? location : location.substring(0, brace);
    }

    /** A root where id {@code X} is {@code location/X.bams3}. */
    public static DatasetRoot of(String location) {
        return new DatasetRoot(location, "", null, DEFAULT_SUFFIX);
    }
}

package io.bams3.htsget;

/**
 * A region as a client asked for it, before it is checked against a dataset's header:
 * 0-based, half-open [start, end); {@code start}/{@code end} null when not given. The reference
 * is named ({@code "*"} selects the unplaced unmapped reads) or given by its MD5 ({@code referenceMD5}).
 */
public record RequestedRegion(String referenceName, String referenceMd5, Long start, Long end) {
    public static final String UNPLACED = "*";

    public static RequestedRegion named(String name, Long start, Long end) {
        return new RequestedRegion(name, null, start, end);
    }

    public boolean unplaced() {
        return UNPLACED.equals(referenceName);
    }
}

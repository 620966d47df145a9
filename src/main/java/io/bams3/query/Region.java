package io.bams3.query;

/**
 * A genomic interval on one reference, 0-based and half-open: [beg, end). The unplaced region
 * (samtools "*") has {@code refIndex == -1} and selects the records with no reference.
 */
public record Region(int refIndex, String refName, int beg, int end) {
    public static final int UNPLACED = -1;

    public Region {
        if (refIndex >= 0 && (beg < 0 || end < beg)) {
            throw new IllegalArgumentException("bad region " + refName + " [" + beg + ", " + end + ")");
        }
    }

    public static Region unplaced() {
        return new Region(UNPLACED, "*", 0, 0);
    }

    public boolean isUnplaced() {
        return refIndex == UNPLACED;
    }

    /** samtools notation (1-based, inclusive). */
    @Override
    public String toString() {
        return isUnplaced() ? "*" : refName + ":" + (beg + 1L) + "-" + end;
    }
}

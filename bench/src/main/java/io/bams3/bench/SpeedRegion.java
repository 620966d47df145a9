package io.bams3.bench;

import io.bams3.query.Region;

/**
 * A query region of the speed benchmark, written as each client wants it: a window of a given size
 * or a whole reference ({@code region} then spans the reference, [0, length)).
 */
record SpeedRegion(Region region, boolean whole) {

    /** samtools and {@code bams3 view} notation: {@code chr1:1001-2000}, or the name alone for a whole reference. */
    String samtools() {
        return whole ? region.refName() : region.toString();
    }

    /** The htsget query string of a reads request (0-based, half-open start and end). */
    String htsgetQuery() {
        return "referenceName=" + region.refName() + (whole ? "" : "&start=" + region.beg() + "&end=" + region.end());
    }

    /** One BED line (0-based, half-open), for {@code samtools view -L}. */
    String bedLine() {
        return region.refName() + "\t" + region.beg() + "\t" + region.end() + "\n";
    }
}

package io.bams3.convert;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.FlagStats;

/**
 * What the metadata counts over the source's records: per reference, the records placed on it with
 * flag 0x4 clear (mapped) and set (unmapped), as samtools idxstats; and the flagstat counters.
 */
final class SourceCounts {
    private final long[] mapped;
    private final long[] unmapped;
    private final FlagStats.Counter flagstat = new FlagStats.Counter();

    SourceCounts(int references) {
        mapped = new long[references];
        unmapped = new long[references];
    }

    void add(BamRecordView r) {
        int ref = r.refId();
        if (ref >= 0) {
            if (r.hasFlag(BamRecordView.FLAG_UNMAPPED)) {
                unmapped[ref]++;
            } else {
                mapped[ref]++;
            }
        }
        flagstat.add(r);
    }

    long[] mapped() {
        return mapped;
    }

    long[] unmapped() {
        return unmapped;
    }

    FlagStats flagstat() {
        return flagstat.result();
    }
}

package io.bams3.codec;

/**
 * samtools flagstat counters, split into QC-passed and QC-failed records (flag 0x200), counted
 * with the same rules as samtools' bam_stat.c.
 */
public record FlagStats(Counts qcPassed, Counts qcFailed) {

    public record Counts(
            long total,
            long primary,
            long secondary,
            long supplementary,
            long duplicates,
            long primaryDuplicates,
            long mapped,
            long primaryMapped,
            long paired,
            long read1,
            long read2,
            long properlyPaired,
            long withItselfAndMateMapped,
            long singletons,
            long mateOnDifferentChr,
            long mateOnDifferentChrMapq5) {}

    /** Mutable accumulator used while converting: one tally for QC-passed records, one for QC-failed. */
    public static final class Counter {
        private final Tally passed = new Tally();
        private final Tally failed = new Tally();

        public void add(BamRecordView r) {
            (r.hasFlag(BamRecordView.FLAG_QC_FAIL) ? failed : passed).add(r);
        }

        public FlagStats result() {
            return new FlagStats(passed.counts(), failed.counts());
        }
    }

    /** The counters of {@link Counts}, as samtools' bam_stat.c increments them. */
    private static final class Tally {
        private long total;
        private long primary;
        private long secondary;
        private long supplementary;
        private long duplicates;
        private long primaryDuplicates;
        private long mapped;
        private long primaryMapped;
        private long paired;
        private long read1;
        private long read2;
        private long properlyPaired;
        private long withItselfAndMateMapped;
        private long singletons;
        private long mateOnDifferentChr;
        private long mateOnDifferentChrMapq5;

        void add(BamRecordView r) {
            boolean unmapped = r.hasFlag(BamRecordView.FLAG_UNMAPPED);
            boolean duplicate = r.hasFlag(BamRecordView.FLAG_DUPLICATE);
            total++;
            if (r.hasFlag(BamRecordView.FLAG_SECONDARY)) {
                secondary++;
            } else if (r.hasFlag(BamRecordView.FLAG_SUPPLEMENTARY)) {
                supplementary++;
            } else {
                primary++;
                if (r.hasFlag(BamRecordView.FLAG_PAIRED)) {
                    addPair(r, unmapped);
                }
                if (!unmapped) primaryMapped++;
                if (duplicate) primaryDuplicates++;
            }
            if (!unmapped) mapped++;
            if (duplicate) duplicates++;
        }

        /** The pair counters, for a primary record with flag 0x1. */
        private void addPair(BamRecordView r, boolean unmapped) {
            paired++;
            if (r.hasFlag(BamRecordView.FLAG_PROPER_PAIR) && !unmapped) properlyPaired++;
            if (r.hasFlag(BamRecordView.FLAG_READ1)) read1++;
            if (r.hasFlag(BamRecordView.FLAG_READ2)) read2++;
            boolean mateUnmapped = r.hasFlag(BamRecordView.FLAG_MATE_UNMAPPED);
            if (mateUnmapped && !unmapped) singletons++;
            if (!unmapped && !mateUnmapped) {
                withItselfAndMateMapped++;
                if (r.mateRefId() != r.refId()) {
                    mateOnDifferentChr++;
                    if (r.mapq() >= 5) mateOnDifferentChrMapq5++;
                }
            }
        }

        Counts counts() {
            return new Counts(
                    total,
                    primary,
                    secondary,
                    supplementary,
                    duplicates,
                    primaryDuplicates,
                    mapped,
                    primaryMapped,
                    paired,
                    read1,
                    read2,
                    properlyPaired,
                    withItselfAndMateMapped,
                    singletons,
                    mateOnDifferentChr,
                    mateOnDifferentChrMapq5);
        }
    }
}

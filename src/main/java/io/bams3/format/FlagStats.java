package io.bams3.format;

/**
 * samtools flagstat counters, split into QC-passed and QC-failed records (flag 0x200), counted
 * with the same rules as samtools' bam_stat.c.
 */
public record FlagStats(Counts qcPassed, Counts qcFailed) {

    public record Counts(long total, long primary, long secondary, long supplementary, long duplicates,
                         long primaryDuplicates, long mapped, long primaryMapped, long paired, long read1,
                         long read2, long properlyPaired, long withItselfAndMateMapped, long singletons,
                         long mateOnDifferentChr, long mateOnDifferentChrMapq5) { }

    /** Mutable accumulator used while converting. */
    public static final class Counter {
        private final long[][] c = new long[2][16];

        public void add(BamRecordView r) {
            int flag = r.flag();
            long[] s = c[(flag & BamRecordView.FLAG_QC_FAIL) != 0 ? 1 : 0];
            boolean unmapped = (flag & BamRecordView.FLAG_UNMAPPED) != 0;
            s[0]++;
            if ((flag & BamRecordView.FLAG_SECONDARY) != 0) {
                s[2]++;
            } else if ((flag & BamRecordView.FLAG_SUPPLEMENTARY) != 0) {
                s[3]++;
            } else {
                s[1]++;
                if ((flag & BamRecordView.FLAG_PAIRED) != 0) {
                    s[8]++;
                    if ((flag & BamRecordView.FLAG_PROPER_PAIR) != 0 && !unmapped) s[11]++;
                    if ((flag & BamRecordView.FLAG_READ1) != 0) s[9]++;
                    if ((flag & BamRecordView.FLAG_READ2) != 0) s[10]++;
                    boolean mateUnmapped = (flag & BamRecordView.FLAG_MATE_UNMAPPED) != 0;
                    if (mateUnmapped && !unmapped) s[13]++;
                    if (!unmapped && !mateUnmapped) {
                        s[12]++;
                        if (r.mateRefId() != r.refId()) {
                            s[14]++;
                            if (r.mapq() >= 5) s[15]++;
                        }
                    }
                }
                if (!unmapped) s[7]++;
                if ((flag & BamRecordView.FLAG_DUPLICATE) != 0) s[5]++;
            }
            if (!unmapped) s[6]++;
            if ((flag & BamRecordView.FLAG_DUPLICATE) != 0) s[4]++;
        }

        public FlagStats result() {
            return new FlagStats(counts(c[0]), counts(c[1]));
        }

        private static Counts counts(long[] s) {
            return new Counts(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12],
                    s[13], s[14], s[15]);
        }
    }
}

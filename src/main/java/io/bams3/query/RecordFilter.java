package io.bams3.query;

import io.bams3.codec.BamRecordView;

/**
 * The record filters of {@code samtools view}, with its meaning: {@code -q} keeps MAPQ >= minMapq,
 * {@code -f} keeps records with all of {@code requireAll} set, {@code -F} those with none of
 * {@code excludeAny} set, {@code -G} drops those with all of {@code excludeAll} set (0: no such
 * filter), {@code -s} keeps samtools' subsample (null: every record).
 */
public record RecordFilter(int minMapq, int requireAll, int excludeAny, int excludeAll, Subsample subsample) {
    /** Keeps every record. */
    public static final RecordFilter NONE = new RecordFilter(0, 0, 0, 0, null);

    public boolean isNone() {
        return equals(NONE);
    }

    /** A consumer passing on to {@code next} only the records this filter keeps. */
    public RecordConsumer filtering(RecordConsumer next) {
        if (isNone()) {
            return next;
        }
        Subsample.Keeper keeper = subsample == null ? null : subsample.keeper();
        return r -> {
            if (keeps(r) && (keeper == null || keeper.keeps(r))) {
                next.accept(r);
            }
        };
    }

    /** The flag and MAPQ tests (not the subsample). */
    public boolean keeps(BamRecordView r) {
        int flag = r.flag();
        return r.mapq() >= minMapq
                && (flag & requireAll) == requireAll
                && (flag & excludeAny) == 0
                && (excludeAll == 0 || (flag & excludeAll) != excludeAll);
    }
}

package io.bams3.cohort;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.ReadGroupTagger;
import io.bams3.query.ChunkRead;
import io.bams3.query.FetchPool;
import io.bams3.query.RecordConsumer;
import io.bams3.query.RecordCursor;
import io.bams3.query.Region;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the records of a cohort's members into one coordinate-sorted stream (references in
 * header order, unplaced last; then POS; ties by member order, each member's own order kept),
 * each record's RG set to its read group in the merged header. Every member is read through a
 * {@link RecordCursor}; together they buffer at most about {@code bufferBytes} of fetched ranges
 * (two pieces each), whatever the number of members, and fetch on the shared pool, whose size
 * bounds the requests in flight.
 */
public final class CohortReader {
    /** Bytes of fetched ranges one cohort query buffers at most, by default. */
    public static final long BUFFER_BYTES = 64L << 20;

    private final Cohort cohort;
    private final long bufferBytes;
    private final FetchPool pool;

    public CohortReader(Cohort cohort, long bufferBytes, FetchPool pool) {
        this.cohort = cohort;
        this.bufferBytes = bufferBytes;
        this.pool = pool;
    }

    /** Passes the merged records of {@code plans} (one per member, in member order) on; returns their number. */
    public long read(List<List<ChunkRead>> plans, RecordConsumer consumer) throws IOException {
        int n = cohort.members().size();
        if (plans.size() != n) {
            throw new IllegalArgumentException("one plan per member is needed: " + plans.size() + " for " + n);
        }
        long piece = bufferBytes / (2L * n);
        List<Head> open = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, n), ORDER);
            for (int m = 0; m < n; m++) {
                Head h = new Head(
                        m,
                        new RecordCursor(cohort.members().get(m).dataset(), plans.get(m), piece, pool),
                        cohort.readGroups(m));
                open.add(h);
            }
            for (Head h : open) {
                if (h.advance()) {
                    heads.add(h);
                }
            }
            ReadGroupTagger tagger = new ReadGroupTagger();
            long emitted = 0;
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                consumer.accept(h.tagged(tagger));
                emitted++;
                if (h.advance()) {
                    heads.add(h);
                }
            }
            return emitted;
        } finally {
            open.forEach(h -> h.cursor.close());
        }
    }

    private static final Comparator<Head> ORDER = Comparator.comparingInt((Head h) -> h.ref)
            .thenComparingInt(h -> h.pos)
            .thenComparingInt(h -> h.member);

    /** A member's next record and where it sorts. */
    private static final class Head {
        final int member;
        final RecordCursor cursor;
        final CohortHeader.ReadGroups groups;
        BamRecordView record;
        int ref;
        int pos;

        Head(int member, RecordCursor cursor, CohortHeader.ReadGroups groups) {
            this.member = member;
            this.cursor = cursor;
            this.groups = groups;
        }

        boolean advance() throws IOException {
            record = cursor.next();
            if (record == null) {
                cursor.close();
                return false;
            }
            ref = record.refId() == Region.UNPLACED ? Integer.MAX_VALUE : record.refId();
            pos = record.pos();
            return true;
        }

        /** The record with its read group in the merged header. */
        BamRecordView tagged(ReadGroupTagger tagger) {
            String carried = ReadGroupTagger.readGroup(record);
            String group = groups.of(carried);
            return group.equals(carried) ? record : tagger.apply(record, group);
        }
    }
}

package io.bams3.convert;

import io.bams3.codec.BamHeader;
import io.bams3.format.ReferenceSummary;
import java.util.List;
import java.util.Map;

/**
 * The per-reference summaries of the reference table, made on demand from the header, the record
 * counts and the chunk tables written: one small object per reference with data, none for the
 * others, so a header of millions of references costs no more than the header itself and two
 * counters each.
 */
final class ReferenceSummaries {
    /** What a finished chunk table says of its reference. */
    record Table(int chunks, long bytes, int crc32c) {}

    private final List<BamHeader.Reference> references;
    private final long[] mapped;
    private final long[] unmapped;
    private final Map<Integer, Table> tables;

    ReferenceSummaries(
            List<BamHeader.Reference> references, long[] mapped, long[] unmapped, Map<Integer, Table> tables) {
        if (mapped.length != references.size() || unmapped.length != references.size()) {
            throw new IllegalArgumentException("one count per reference expected");
        }
        this.references = references;
        this.mapped = mapped.clone();
        this.unmapped = unmapped.clone();
        this.tables = Map.copyOf(tables);
    }

    ReferenceSummary get(int i) {
        Table t = tables.get(i);
        int length = references.get(i).length();
        return t == null
                ? new ReferenceSummary(length, mapped[i], unmapped[i], 0, 0, 0)
                : new ReferenceSummary(length, mapped[i], unmapped[i], t.chunks(), t.bytes(), t.crc32c());
    }

    int size() {
        return references.size();
    }
}

package io.bams3.convert;

import io.bams3.codec.BamHeader;
import io.bams3.format.DatasetMetadata;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The metadata's per-reference summaries, made on demand from the header, the record counts and
 * the chunk tables written: one small object per reference with data, none for the others, so a
 * header of millions of references costs no more than the header itself and two counters each.
 */
final class ReferenceSummaries extends AbstractList<DatasetMetadata.ReferenceSummary> implements RandomAccess {
    /** What a finished chunk table says of its reference. */
    record Table(int chunks, long bytes, String crc32c) {}

    private static final Table NONE = new Table(0, 0, DatasetMetadata.hex(0));

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

    @Override
    public DatasetMetadata.ReferenceSummary get(int i) {
        BamHeader.Reference r = references.get(i);
        Table t = tables.getOrDefault(i, NONE);
        return new DatasetMetadata.ReferenceSummary(
                r.name(), r.length(), mapped[i], unmapped[i], t.chunks(), t.bytes(), t.crc32c());
    }

    @Override
    public int size() {
        return references.size();
    }
}

package io.bams3.format;

import io.bams3.codec.FormatException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The invariants of {@code _metadata.json} (docs/FORMAT.md §3) beyond its syntax, checked once
 * when a dataset is opened: reference names present, non-empty and unique; lengths and counts not
 * negative; a table exactly when there are records, with at least one record and one byte per
 * chunk; the total record count equal to the sum of its parts. Counts are therefore bounded by
 * each other before anything is fetched or allocated for them.
 */
final class MetadataInvariants {
    private MetadataInvariants() {}

    static void check(DatasetMetadata m, String source) {
        if (m.header().key() == null || m.header().bytes() < 0 || m.header().bytes() > Integer.MAX_VALUE) {
            throw new FormatException(source + ": bad header entry (key "
                    + m.header().key() + ", " + m.header().bytes() + " bytes)");
        }
        List<DatasetMetadata.ReferenceSummary> refs = m.references();
        Set<String> names = new HashSet<>();
        long total = 0;
        for (int i = 0; i < refs.size(); i++) {
            DatasetMetadata.ReferenceSummary r = refs.get(i);
            if (r == null || r.name() == null || r.name().isEmpty()) {
                throw new FormatException(source + ": reference " + i + " has no name");
            }
            String what = source + ": reference " + r.name();
            if (!names.add(r.name())) {
                throw new FormatException(what + " is listed twice");
            }
            if (r.length() < 0) {
                throw new FormatException(what + " has negative length " + r.length());
            }
            if (r.mapped() < 0 || r.unmapped() < 0) {
                throw new FormatException(what + " has negative record counts");
            }
            long records = add(r.mapped(), r.unmapped(), what);
            table(r.chunks(), records, r.bytes(), r.indexCrc32c(), what);
            total = add(total, records, source);
        }
        DatasetMetadata.Unplaced u = m.unplaced();
        if (u.records() < 0) {
            throw new FormatException(source + ": unplaced records count is negative");
        }
        table(u.chunks(), u.records(), u.bytes(), u.indexCrc32c(), source + ": unplaced records");
        total = add(total, u.records(), source);
        if (total != m.records()) {
            throw new FormatException(
                    source + ": references and unplaced hold " + total + " records, metadata says " + m.records());
        }
    }

    private static void table(int chunks, long records, long bytes, String indexCrc, String what) {
        if (chunks < 0 || bytes < 0) {
            throw new FormatException(what + " has a negative chunk count or size");
        }
        int crc = DatasetMetadata.parseHex(indexCrc);
        if (chunks == 0 ? records != 0 || bytes != 0 || crc != 0 : records < chunks || bytes < chunks) {
            throw new FormatException(
                    what + ": " + chunks + " chunks cannot hold " + records + " records in " + bytes + " bytes");
        }
    }

    private static long add(long a, long b, String what) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new FormatException(what + ": record counts overflow");
        }
    }
}

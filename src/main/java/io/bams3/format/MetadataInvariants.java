package io.bams3.format;

import io.bams3.codec.FormatException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The invariants of {@code _metadata.json} (docs/FORMAT.md section 3) beyond its syntax, checked
 * once when a dataset is opened, so that counts are bounded by each other before anything is
 * fetched or allocated for them. Version 2: a generation name that is one safe key segment; sizes
 * that match what they describe; totals not smaller than their unplaced part. Version 1 also has
 * every reference: names present, non-empty and unique; the total record count equal to the sum
 * of its parts.
 */
final class MetadataInvariants {
    /** A generation names one key segment: no '/', no dots, nothing to escape. */
    private static final Pattern GENERATION = Pattern.compile("[0-9A-Za-z_-]{1,64}");

    /** The smallest binary BAM header: magic, l_text and n_ref. */
    private static final long MIN_HEADER_BYTES = 12;

    private MetadataInvariants() {}

    static void check(DatasetMetadata m, String source) {
        if (m.generation() == null || !GENERATION.matcher(m.generation()).matches()) {
            throw new FormatException(source + ": bad generation name");
        }
        long headerBytes = m.header().bytes();
        if (headerBytes < MIN_HEADER_BYTES || headerBytes > Integer.MAX_VALUE) {
            throw new FormatException(source + ": bad header size " + headerBytes);
        }
        DatasetMetadata.parseHex(m.header().crc32c());
        DatasetMetadata.References refs = m.references();
        if (refs.count() < 0 || refs.bytes() != ReferenceTable.size(refs.count())) {
            throw new FormatException(source + ": a reference table of " + refs.count() + " entries cannot have "
                    + refs.bytes() + " bytes");
        }
        DatasetMetadata.parseHex(refs.crc32c());
        DatasetMetadata.Unplaced u = unplaced(m.unplaced(), source);
        if (m.records() < u.records() || m.chunks() < u.chunks() || m.dataBytes() < u.bytes()) {
            throw new FormatException(source + ": the totals (" + m.records() + " records, " + m.chunks() + " chunks, "
                    + m.dataBytes() + " bytes) are smaller than the unplaced records' part");
        }
    }

    /** Sums of a whole reference table against the metadata's totals (stats and validate read it whole). */
    static void totals(DatasetMetadata m, List<ReferenceSummary> summaries, String source) {
        long records = m.unplaced().records();
        long chunks = m.unplaced().chunks();
        long bytes = m.unplaced().bytes();
        for (ReferenceSummary s : summaries) {
            records = add(records, s.records(), source);
            chunks += s.chunks();
            bytes = add(bytes, s.bytes(), source);
        }
        if (records != m.records() || chunks != m.chunks() || bytes != m.dataBytes()) {
            throw new FormatException(source + ": references and unplaced hold " + records + " records in " + chunks
                    + " chunks of " + bytes + " bytes; metadata says " + m.records() + ", " + m.chunks() + ", "
                    + m.dataBytes());
        }
    }

    static void checkV1(MetadataV1 m, String source) {
        if (m.header().key() == null || m.header().bytes() < 0 || m.header().bytes() > Integer.MAX_VALUE) {
            throw new FormatException(source + ": bad header entry (key "
                    + m.header().key() + ", " + m.header().bytes() + " bytes)");
        }
        List<MetadataV1.Reference> refs = m.references();
        Set<String> names = new HashSet<>();
        long total = 0;
        for (int i = 0; i < refs.size(); i++) {
            MetadataV1.Reference r = refs.get(i);
            if (r == null || r.name() == null || r.name().isEmpty()) {
                throw new FormatException(source + ": reference " + i + " has no name");
            }
            String what = source + ": reference " + r.name();
            if (!names.add(r.name())) {
                throw new FormatException(what + " is listed twice");
            }
            new ReferenceSummary(
                            r.length(),
                            r.mapped(),
                            r.unmapped(),
                            r.chunks(),
                            r.bytes(),
                            DatasetMetadata.parseHex(r.indexCrc32c()))
                    .check(what);
            total = add(total, r.records(), source);
        }
        DatasetMetadata.Unplaced u = unplaced(m.unplaced(), source);
        total = add(total, u.records(), source);
        if (total != m.records()) {
            throw new FormatException(
                    source + ": references and unplaced hold " + total + " records, metadata says " + m.records());
        }
    }

    /** The unplaced records' counts, in either version: as {@link #table}, and a count not negative. */
    private static DatasetMetadata.Unplaced unplaced(DatasetMetadata.Unplaced u, String source) {
        if (u.records() < 0) {
            throw new FormatException(source + ": unplaced records count is negative");
        }
        table(
                u.chunks(),
                u.records(),
                u.bytes(),
                DatasetMetadata.parseHex(u.indexCrc32c()),
                source + ": unplaced records");
        return u;
    }

    /** A chunk table exactly when there are records; at least one record and one byte per chunk. */
    static void table(int chunks, long records, long bytes, int indexCrc, String what) {
        if (chunks < 0 || bytes < 0) {
            throw new FormatException(what + " has a negative chunk count or size");
        }
        if (chunks == 0 ? records != 0 || bytes != 0 || indexCrc != 0 : records < chunks || bytes < chunks) {
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

package io.bams3.bench;

import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkTable;
import io.bams3.format.ReferenceTable;
import java.util.Locale;

/**
 * Cold-query index bytes scaled to a 100 GB, 30x human genome, from three measured inputs: the
 * mean compressed unit (BGZF block) size, and the metadata object size at two reference counts
 * (a per-reference slope, about 0 since format version 2). chr1 is the largest reference, so its chunk table is the largest one
 * a single-region query fetches.
 */
public record IndexExtrapolation(
        double unitBytes, int fewRefs, long fewRefsMetadata, int manyRefs, long manyRefsMetadata) {
    static final double GENOME_BYTES = 100e9;
    static final long CHR1 = 248_956_422L;
    static final long GRCH38 = 3_099_734_149L;
    static final int PRIMARY_REFS = 25;
    static final int ALT_DECOY_REFS = 3_366;

    public double metadataPerReference() {
        return (double) (manyRefsMetadata - fewRefsMetadata) / (manyRefs - fewRefs);
    }

    public long metadataBytes(int refs) {
        return Math.round(fewRefsMetadata + metadataPerReference() * (refs - fewRefs));
    }

    public String markdown(long... chunkTargets) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "Inputs measured in this run: mean compressed unit (BGZF block) "
                        + "%,.0f bytes; `_metadata.json` %,d bytes with %d references and %,d bytes with %d "
                        + "references, i.e. %.1f bytes per reference. chr1 = %,d of %,d bases (GRCh38) = %.2f%% "
                        + "of the data.%n%n",
                unitBytes,
                fewRefsMetadata,
                fewRefs,
                manyRefsMetadata,
                manyRefs,
                metadataPerReference(),
                CHR1,
                GRCH38,
                100.0 * CHR1 / GRCH38));
        MarkdownTable t = new MarkdownTable("quantity", "arithmetic", "bytes / count");
        for (long target : chunkTargets) {
            String label = label(target);
            long chunks = (long) Math.ceil(GENOME_BYTES / target);
            long chr1Chunks = (long) Math.ceil(chunks * (double) CHR1 / GRCH38);
            long table = ChunkTable.HEADER_SIZE + (long) ChunkTable.ENTRY_SIZE * chr1Chunks;
            long units = (long) Math.ceil(target / unitBytes);
            long index = 12 + (long) BlockIndex.ENTRY_SIZE * units;
            // the metadata and the reference's 40-byte entry of the reference table (format version 2)
            long meta = metadataBytes(PRIMARY_REFS) + ReferenceTable.ENTRY_SIZE;
            t.row(label + ": chunks in 100 GB", "1e11 / " + target, String.format(Locale.ROOT, "%,d", chunks));
            t.row(
                    label + ": chr1 chunk table",
                    String.format(Locale.ROOT, "12 + 44 x %,d", chr1Chunks),
                    String.format(Locale.ROOT, "%,d", table));
            t.row(
                    label + ": block index of one chunk",
                    String.format(Locale.ROOT, "12 + 16 x (%,d / %,.0f = %,d units)", target, unitBytes, units),
                    String.format(Locale.ROOT, "%,d", index));
            t.row(
                    label + ": cold query, 1 chunk, 25 refs",
                    String.format(Locale.ROOT, "%,d metadata and entry + %,d + %,d", meta, table, index),
                    String.format(Locale.ROOT, "%,d", meta + table + index));
            t.row(
                    label + ": cold query, 2 chunks, 25 refs",
                    String.format(Locale.ROOT, "%,d metadata and entry + %,d + 2 x %,d", meta, table, index),
                    String.format(Locale.ROOT, "%,d", meta + table + 2 * index));
        }
        long many = metadataBytes(ALT_DECOY_REFS);
        t.row(
                "metadata with 3,366 refs (GRCh38 + alt/decoy/HLA)",
                String.format(
                        Locale.ROOT,
                        "%,d + %.1f x (%,d - %d)",
                        fewRefsMetadata,
                        metadataPerReference(),
                        ALT_DECOY_REFS,
                        fewRefs),
                String.format(Locale.ROOT, "%,d", many));
        sb.append(t);
        return sb.toString();
    }

    private static String label(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " B";
    }
}

package io.bams3.web.page;

import java.util.List;

/**
 * What a dataset holds, from its reference table and chunk tables alone (no record is read).
 * {@code references}: per header reference its length and the mapped and unmapped (placed) record
 * counts, as {@code samtools idxstats} gives them; {@code unplaced}: records without a reference
 * (idxstats' {@code *} row). {@code density}: the selected reference's estimated record counts in
 * bins of {@code binSize} bases, bin {@code i} covering 0-based positions
 * {@code [i * binSize, (i + 1) * binSize)}. For a cohort the counts and the density are its
 * members' together, and {@code members} lists them (empty for a dataset). {@code referenceSequence}:
 * whether a reference FASTA is configured for the id (then {@code page/api/reference/ID/sequence.fa}
 * and {@code .fai} serve it).
 */
public record Overview(
        String id,
        List<Reference> references,
        long unplaced,
        Density density,
        List<Member> members,
        boolean referenceSequence) {

    /** A cohort member: its sample and the dataset id the viewer shows it by (null: no id leads to it). */
    public record Member(String sample, String id) {}

    /** A header reference and its record counts; {@code length} in bases. */
    public record Reference(String name, int length, long mapped, long unmapped) {}

    /**
     * Estimated records per bin along {@code reference}: each chunk's records are spread over the
     * positions its block index units start at in proportion to their compressed bytes
     * ({@code source = "block-index"}), or evenly over the chunk's POS span when the reference has
     * too many chunks for its block indexes to be read ({@code source = "chunk-table"}). The counts
     * sum to the reference's records. The bins cover the 0-based half-open window
     * {@code [start, end)}: the whole reference, or the span its records start in (with a margin)
     * when that is less than half of it.
     */
    public record Density(
            String reference, int length, long start, long end, int binSize, double[] counts, String source) {}
}

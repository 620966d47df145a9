package io.bams3.bench;

import java.util.List;

/**
 * Where the synthetic reads go: three references, each with deeply covered islands (90% of the
 * fragments, about 30x at 2,000,000 reads) over a thin background spread along the whole
 * reference. The benchmark draws its query regions from the islands.
 */
public record SyntheticLayout(List<Contig> contigs, double islandShare, int endMargin) {

    /** A half-open interval [start, end) of 0-based positions. */
    public record Interval(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    public record Contig(String name, int length, List<Interval> islands) {
        public long islandBases() {
            return islands.stream().mapToLong(Interval::length).sum();
        }
    }

    private static final int ISLAND = 1_500_000;

    public static SyntheticLayout standard() {
        return new SyntheticLayout(
                List.of(
                        new Contig(
                                "chr1", 60_000_000, List.of(island(5_000_000), island(25_000_000), island(45_000_000))),
                        new Contig("chr2", 40_000_000, List.of(island(10_000_000), island(30_000_000))),
                        new Contig("chr3", 25_000_000, List.of(island(12_000_000)))),
                0.9,
                100_000);
    }

    private static Interval island(int start) {
        return new Interval(start, start + ISLAND);
    }

    public long islandBases() {
        return contigs.stream().mapToLong(Contig::islandBases).sum();
    }

    /** Positions where fragments may start: the reference minus a margin at its end. */
    public long placeableBases() {
        return contigs.stream().mapToLong(c -> c.length() - endMargin).sum();
    }
}

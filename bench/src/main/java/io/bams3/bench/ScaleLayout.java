package io.bams3.bench;

import io.bams3.testing.Grch38Header;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Where the reads of the scale benchmark's BAM go, on the GRCh38-shaped header of
 * {@link Grch38Header} (3,366 references). Three windows on each of eight primary chromosomes,
 * each window a share of its chromosome's length (so the data per chromosome follows its length,
 * as in a whole genome), and a few small references covered end to end (two {@code *_random},
 * two {@code chrUn}, chrEBV, four alts, eight decoys, six HLA alleles) share one depth, about 30x;
 * chrM gets 0.2% of the fragments (55x at 0.3 GB, 1,800x at 10 GB). The other references have no reads.
 * The windows grow with the number of fragments; the small references do not.
 *
 * @param sequences every reference of the header, in header order
 * @param contigs   the references with reads, in header order, with the intervals where fragments start
 * @param depth     mean depth over the windows and small references
 */
public record ScaleLayout(List<Grch38Header.Sequence> sequences, List<Placed> contigs, double depth) {

    /** Chromosomes that get windows. */
    static final List<String> WINDOW_CHROMOSOMES =
            List.of("chr1", "chr2", "chr6", "chr11", "chr17", "chr20", "chr21", "chrX");

    static final int WINDOWS_PER_CHROMOSOME = 3;
    static final double DEPTH = 30;
    static final double CHRM_SHARE = 0.002;
    /** At most this share of a window chromosome is covered; past it the depth grows instead. */
    static final double MAX_COVERED = 0.8;
    /** Fragments on a small reference start this far before its end (templates are at most 1,000 bases). */
    static final int END_MARGIN = 1_100;
    /** Alts longer than this are passed over (some are 500 kb): the small references stay small. */
    private static final int MAX_SMALL = 250_000;

    /** What a reference with reads is. */
    public enum Kind {
        WINDOWS,
        MITOCHONDRION,
        SMALL
    }

    /** A reference with reads: its index in the header and the intervals (0-based, half-open) where fragments start. */
    public record Placed(int headerIndex, String name, int length, Kind kind, List<SyntheticLayout.Interval> islands) {
        long bases() {
            return islands.stream().mapToLong(SyntheticLayout.Interval::length).sum();
        }
    }

    /** The layout for a number of fragments (pairs). */
    public static ScaleLayout of(long fragments) {
        List<Grch38Header.Sequence> seqs = Grch38Header.sequences();
        List<Placed> small = smallReferences(seqs);
        long chrM = Math.round(fragments * CHRM_SHARE);
        long rest = fragments - chrM;
        double covered = rest * 2.0 * FragmentFactory.READ_LENGTH / DEPTH;
        long smallBases = small.stream().mapToLong(Placed::bases).sum();
        long chromosomeBases = 0;
        for (String name : WINDOW_CHROMOSOMES) {
            chromosomeBases += seqs.get(indexOf(seqs, name)).length();
        }
        double windowBases = covered - smallBases;
        long minimum = 10_000L * WINDOWS_PER_CHROMOSOME * WINDOW_CHROMOSOMES.size();
        if (windowBases < minimum) {
            throw new IllegalArgumentException(String.format(
                    "%,d fragments cover %,.0f bases at %.0fx, less than the %,d bases of the small references plus "
                            + "%,d of windows; generate a larger BAM",
                    fragments, covered, DEPTH, smallBases, minimum));
        }
        double share = Math.min(MAX_COVERED, windowBases / chromosomeBases);
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            Grch38Header.Sequence s = seqs.get(i);
            if (WINDOW_CHROMOSOMES.contains(s.name())) {
                placed.add(new Placed(i, s.name(), s.length(), Kind.WINDOWS, windows(s.length(), share)));
            } else if (s.name().equals("chrM")) {
                placed.add(new Placed(
                        i,
                        s.name(),
                        s.length(),
                        Kind.MITOCHONDRION,
                        List.of(new SyntheticLayout.Interval(0, s.length() - END_MARGIN))));
            } else {
                for (Placed p : small) {
                    if (p.headerIndex() == i) {
                        placed.add(p);
                    }
                }
            }
        }
        double depth = rest * 2.0 * FragmentFactory.READ_LENGTH / (share * chromosomeBases + smallBases);
        return new ScaleLayout(seqs, placed, depth);
    }

    /** Windows evenly spread over a chromosome, together {@code share} of its length. */
    private static List<SyntheticLayout.Interval> windows(int length, double share) {
        List<SyntheticLayout.Interval> out = new ArrayList<>();
        int size = (int) Math.round(length * share / WINDOWS_PER_CHROMOSOME);
        for (int w = 0; w < WINDOWS_PER_CHROMOSOME; w++) {
            long center = (long) length * (2 * w + 1) / (2 * WINDOWS_PER_CHROMOSOME);
            int start = (int) (center - size / 2);
            out.add(new SyntheticLayout.Interval(start, start + size));
        }
        return out;
    }

    /** The small references covered end to end: the first few of each kind, in header order. */
    private static List<Placed> smallReferences(List<Grch38Header.Sequence> seqs) {
        List<Placed> out = new ArrayList<>();
        pick(seqs, out, n -> n.endsWith("_random"), 2);
        pick(seqs, out, n -> n.startsWith("chrUn_") && !n.endsWith("_decoy"), 2);
        pick(seqs, out, n -> n.equals("chrEBV"), 1);
        pick(seqs, out, n -> n.endsWith("_alt"), 4);
        pick(seqs, out, n -> n.endsWith("_decoy"), 8);
        pick(seqs, out, n -> n.startsWith("HLA-"), 6);
        out.sort((a, b) -> Integer.compare(a.headerIndex(), b.headerIndex()));
        return out;
    }

    private static void pick(List<Grch38Header.Sequence> seqs, List<Placed> out, Predicate<String> kind, int count) {
        int found = 0;
        for (int i = 0; i < seqs.size() && found < count; i++) {
            Grch38Header.Sequence s = seqs.get(i);
            if (kind.test(s.name()) && s.length() <= MAX_SMALL && s.length() > 2 * END_MARGIN) {
                out.add(new Placed(
                        i,
                        s.name(),
                        s.length(),
                        Kind.SMALL,
                        List.of(new SyntheticLayout.Interval(0, s.length() - END_MARGIN))));
                found++;
            }
        }
    }

    private static int indexOf(List<Grch38Header.Sequence> seqs, String name) {
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no reference " + name);
    }

    /** The references with reads as a {@link SyntheticLayout}, whose contig i is {@code contigs().get(i)}. */
    public SyntheticLayout synthetic() {
        List<SyntheticLayout.Contig> out = new ArrayList<>();
        for (Placed p : contigs) {
            out.add(new SyntheticLayout.Contig(p.name(), p.length(), p.islands()));
        }
        return new SyntheticLayout(out, 1.0, END_MARGIN);
    }

    /**
     * Fragment counts per island, in coordinate order: chrM gets its share, every other island
     * the same number per base. The counts add up to {@code fragments}.
     */
    List<FragmentWalk.Segment> segments(long fragments) {
        long chrM = Math.round(fragments * CHRM_SHARE);
        long rest = fragments - chrM;
        long bases = 0;
        for (Placed p : contigs) {
            if (p.kind() != Kind.MITOCHONDRION) {
                bases += p.bases();
            }
        }
        List<FragmentWalk.Segment> out = new ArrayList<>();
        double cumulative = 0;
        long assigned = 0;
        for (int r = 0; r < contigs.size(); r++) {
            Placed p = contigs.get(r);
            for (SyntheticLayout.Interval i : p.islands()) {
                long n;
                if (p.kind() == Kind.MITOCHONDRION) {
                    n = chrM;
                } else {
                    // cumulative rounding: the other islands add up to exactly `rest`
                    cumulative += (double) i.length() / bases;
                    long upTo = Math.min(rest, Math.round(cumulative * rest));
                    n = upTo - assigned;
                    assigned = upTo;
                }
                out.add(new FragmentWalk.Segment(r, i.start(), i.end(), n));
            }
        }
        if (assigned < rest) {
            // the last island takes what rounding left over
            FragmentWalk.Segment last = out.get(out.size() - 1);
            int at = out.size() - 1;
            if (contigs.get(last.ref()).kind() == Kind.MITOCHONDRION) {
                throw new IllegalStateException("chrM is the last island");
            }
            out.set(
                    at,
                    new FragmentWalk.Segment(last.ref(), last.start(), last.end(), last.fragments() + rest - assigned));
        }
        return out;
    }

    /** Names of the references with reads, by kind, for the report. */
    public List<String> names(Kind kind) {
        return contigs.stream().filter(p -> p.kind() == kind).map(Placed::name).toList();
    }

    /** Bases in the windows of all chromosomes. */
    public long windowBases() {
        return contigs.stream()
                .filter(p -> p.kind() == Kind.WINDOWS)
                .mapToLong(Placed::bases)
                .sum();
    }

    /** A query region: its text as both tools parse it, reference, span in bases, and what it was drawn from. */
    public record Query(String text, String ref, long bases, String kind) {}

    /**
     * {@code count} random regions of 1 kb to 1 Mb (length log-uniform): 90% centred in a window
     * (windows picked in proportion to their length), 5% on a small reference or chrM, 5% anywhere
     * on a primary chromosome (mostly where there are no reads). Clipped to the reference.
     */
    public List<Query> regions(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Placed> windowed =
                contigs.stream().filter(p -> p.kind() == Kind.WINDOWS).toList();
        List<Placed> others =
                contigs.stream().filter(p -> p.kind() != Kind.WINDOWS).toList();
        List<Query> out = new ArrayList<>(count);
        while (out.size() < count) {
            int length = (int) Math.round(1_000 * Math.pow(1_000, rng.nextDouble()));
            double p = rng.nextDouble();
            if (p < 0.90) {
                long pick = rng.nextLong(windowBases());
                for (Placed c : windowed) {
                    for (SyntheticLayout.Interval i : c.islands()) {
                        if (pick >= 0 && pick < i.length()) {
                            out.add(around(c.name(), c.length(), i.start() + (int) pick, length, "window"));
                        }
                        pick -= i.length();
                    }
                }
            } else if (p < 0.95) {
                Placed c = others.get(rng.nextInt(others.size()));
                out.add(around(
                        c.name(),
                        c.length(),
                        rng.nextInt(c.length()),
                        length,
                        c.kind() == Kind.SMALL ? "small" : "chrM"));
            } else {
                Grch38Header.Sequence s = sequences.get(rng.nextInt(Grch38Header.PRIMARY - 1));
                out.add(around(s.name(), s.length(), rng.nextInt(s.length()), length, "anywhere"));
            }
        }
        return out;
    }

    /**
     * Whole references to query: the largest and the smallest chromosome with windows, chrM, the
     * first alt and the first HLA allele with reads; and the unplaced reads ({@code *}).
     */
    public List<Query> wholeReferences() {
        List<Placed> windowed =
                contigs.stream().filter(p -> p.kind() == Kind.WINDOWS).toList();
        Placed largest = windowed.stream()
                .max((a, b) -> Integer.compare(a.length(), b.length()))
                .orElseThrow();
        Placed smallest = windowed.stream()
                .min((a, b) -> Integer.compare(a.length(), b.length()))
                .orElseThrow();
        List<Query> out = new ArrayList<>();
        for (Placed p : List.of(
                largest,
                smallest,
                first(n -> n.equals("chrM")),
                first(n -> n.endsWith("_alt")),
                first(n -> n.startsWith("HLA-")))) {
            out.add(new Query(p.name(), p.name(), p.length(), "whole reference"));
        }
        out.add(new Query("*", "*", 0, "unplaced"));
        return out;
    }

    private Placed first(Predicate<String> name) {
        return contigs.stream().filter(p -> name.test(p.name())).findFirst().orElseThrow();
    }

    private static Query around(String name, int refLength, int center, int length, String kind) {
        int beg = Math.max(0, center - length / 2);
        int end = (int) Math.min(refLength, (long) beg + length);
        return new Query(regionText(name, beg, end), name, end - beg, kind);
    }

    /** samtools syntax, 1-based inclusive; names holding ':' (HLA alleles) in braces, which both tools accept. */
    static String regionText(String name, int beg, int end) {
        String ref = name.indexOf(':') >= 0 ? "{" + name + "}" : name;
        return ref + ":" + (beg + 1) + "-" + end;
    }
}

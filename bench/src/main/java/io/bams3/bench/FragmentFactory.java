package io.bams3.bench;

import htsjdk.samtools.Cigar;
import htsjdk.samtools.CigarOperator;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The records of one sequenced fragment that starts at a given position: usually a proper pair,
 * sometimes with an unmapped mate (placed at its mate's position) or a mate on a later reference,
 * sometimes with an extra supplementary or secondary alignment further along the same reference.
 * Every record lies at or after the fragment start, so a coordinate-ordered walk can emit them.
 */
public final class FragmentFactory {
    public static final int READ_LENGTH = 150;
    private static final double MATE_UNMAPPED = 0.02;
    private static final double MATE_ELSEWHERE = 0.005;
    private static final double SUPPLEMENTARY = 0.005;
    private static final double SECONDARY = 0.005;
    private static final double DUPLICATE = 0.02;
    private static final double QC_FAIL = 0.002;

    private final SAMFileHeader header;
    private final SyntheticLayout layout;
    private final VirtualReference genome;
    private final QualityPool qualities;
    private final SplittableRandom rng;

    public FragmentFactory(
            SAMFileHeader header,
            SyntheticLayout layout,
            VirtualReference genome,
            QualityPool qualities,
            SplittableRandom rng) {
        this.header = header;
        this.layout = layout;
        this.genome = genome;
        this.qualities = qualities;
        this.rng = rng;
    }

    public List<SAMRecord> fragment(int ref, int start, long id) {
        Template t = new Template(
                readName(id),
                rng.nextBoolean(),
                mapq(),
                readGroup(),
                rng.nextDouble() < DUPLICATE,
                rng.nextDouble() < QC_FAIL);
        double kind = rng.nextDouble();
        if (kind < MATE_UNMAPPED) {
            return withUnmappedMate(t, ref, start);
        }
        if (kind < MATE_UNMAPPED + MATE_ELSEWHERE && ref + 1 < layout.contigs().size()) {
            return withMateElsewhere(t, ref, start);
        }
        return properPair(t, ref, start);
    }

    /** Unplaced unmapped pair: no reference, no position; written after all placed records. */
    public List<SAMRecord> unplacedPair(long id) {
        Template t = new Template(readName(id), true, 0, readGroup(), false, false);
        SAMRecord a = unmapped(t, true);
        SAMRecord b = unmapped(t, false);
        for (SAMRecord r : List.of(a, b)) {
            r.setReferenceIndex(SAMRecord.NO_ALIGNMENT_REFERENCE_INDEX);
            r.setAlignmentStart(SAMRecord.NO_ALIGNMENT_START);
            r.setMateReferenceIndex(SAMRecord.NO_ALIGNMENT_REFERENCE_INDEX);
            r.setMateAlignmentStart(SAMRecord.NO_ALIGNMENT_START);
            r.setMateUnmappedFlag(true);
        }
        return List.of(a, b);
    }

    /** Read-level properties shared by the records of one fragment. */
    private record Template(
            String name, boolean leftIsFirst, int mapq, String readGroup, boolean duplicate, boolean qcFail) {}

    private List<SAMRecord> properPair(Template t, int ref, int start) {
        List<SAMRecord> out = new ArrayList<>(4);
        boolean split = rng.nextDouble() < SUPPLEMENTARY;
        int splitAt = rng.nextInt(40, READ_LENGTH - 40);
        Cigar leftCigar = split
                ? CigarSampler.clippedTail(splitAt, READ_LENGTH, CigarOperator.S)
                : CigarSampler.sample(rng, READ_LENGTH);
        SAMRecord left = mapped(t, t.leftIsFirst(), ref, start, leftCigar, false);
        int template = (int) Math.max(READ_LENGTH, Math.min(1_000, Math.round(400 + 80 * rng.nextGaussian())));
        Cigar rightCigar = CigarSampler.sample(rng, READ_LENGTH);
        int rightPos = Math.max(start, start + template - rightCigar.getReferenceLength());
        SAMRecord right = mapped(t, !t.leftIsFirst(), ref, rightPos, rightCigar, true);
        pair(left, right, true);
        out.add(left);
        out.add(right);
        if (split) {
            out.add(supplementary(t, left, ref, start + rng.nextInt(2_000, 100_000), splitAt));
        }
        if (rng.nextDouble() < SECONDARY) {
            SAMRecord primary = rng.nextBoolean() ? left : right;
            out.add(secondary(t, primary, ref, start + rng.nextInt(1_000, 99_000)));
        }
        return out;
    }

    private List<SAMRecord> withUnmappedMate(Template t, int ref, int start) {
        boolean reverse = rng.nextBoolean();
        SAMRecord m = mapped(t, t.leftIsFirst(), ref, start, CigarSampler.sample(rng, READ_LENGTH), reverse);
        SAMRecord u = unmapped(t, !t.leftIsFirst());
        m.setReadPairedFlag(true);
        m.setMateUnmappedFlag(true);
        m.setMateReferenceIndex(ref);
        m.setMateAlignmentStart(m.getAlignmentStart());
        u.setReferenceIndex(ref);
        u.setAlignmentStart(m.getAlignmentStart());
        u.setMateReferenceIndex(ref);
        u.setMateAlignmentStart(m.getAlignmentStart());
        u.setMateNegativeStrandFlag(reverse);
        u.setAttribute("MC", m.getCigarString());
        return List.of(m, u);
    }

    private List<SAMRecord> withMateElsewhere(Template t, int ref, int start) {
        int mateRef = rng.nextInt(ref + 1, layout.contigs().size());
        List<SyntheticLayout.Interval> islands = layout.contigs().get(mateRef).islands();
        SyntheticLayout.Interval island = islands.get(rng.nextInt(islands.size()));
        int matePos = rng.nextInt(island.start(), island.end());
        SAMRecord a = mapped(t, t.leftIsFirst(), ref, start, CigarSampler.sample(rng, READ_LENGTH), rng.nextBoolean());
        SAMRecord b =
                mapped(t, !t.leftIsFirst(), mateRef, matePos, CigarSampler.sample(rng, READ_LENGTH), rng.nextBoolean());
        pair(a, b, false);
        return List.of(a, b);
    }

    private SAMRecord supplementary(Template t, SAMRecord primary, int ref, int pos, int splitAt) {
        Cigar cigar = CigarSampler.clippedHead(splitAt, READ_LENGTH, CigarOperator.H);
        SAMRecord s = mapped(t, primary.getFirstOfPairFlag(), ref, pos, cigar, primary.getReadNegativeStrandFlag());
        s.setSupplementaryAlignmentFlag(true);
        copyMate(primary, s);
        s.setAttribute("SA", saEntry(primary));
        primary.setAttribute("SA", saEntry(s));
        return s;
    }

    private SAMRecord secondary(Template t, SAMRecord primary, int ref, int pos) {
        SAMRecord s = mapped(
                t,
                primary.getFirstOfPairFlag(),
                ref,
                pos,
                CigarSampler.sample(rng, READ_LENGTH),
                primary.getReadNegativeStrandFlag());
        s.setSecondaryAlignment(true);
        s.setMappingQuality(0);
        s.setAttribute("XS", null);
        copyMate(primary, s);
        return s;
    }

    private SAMRecord mapped(Template t, boolean first, int ref, int pos, Cigar cigar, boolean reverse) {
        ReadContent c = ReadContent.aligned(genome, ref, pos, cigar, reverse, qualities, rng);
        SAMRecord r = base(t, first);
        r.setReferenceIndex(ref);
        r.setAlignmentStart(pos + 1);
        r.setCigar(cigar);
        r.setReadNegativeStrandFlag(reverse);
        r.setMappingQuality(t.mapq());
        r.setReadBases(c.bases());
        r.setBaseQualities(c.qualities());
        r.setAttribute("NM", c.nm());
        r.setAttribute("MD", c.md());
        int score = c.alignmentScore();
        r.setAttribute("AS", score);
        r.setAttribute("XS", t.mapq() == 0 ? score : Math.max(0, score - rng.nextInt(5, 60)));
        return r;
    }

    private SAMRecord unmapped(Template t, boolean first) {
        ReadContent c = ReadContent.unaligned(READ_LENGTH, qualities, rng);
        SAMRecord r = base(t, first);
        r.setReadUnmappedFlag(true);
        r.setMappingQuality(0);
        r.setReadBases(c.bases());
        r.setBaseQualities(c.qualities());
        return r;
    }

    private SAMRecord base(Template t, boolean first) {
        SAMRecord r = new SAMRecord(header);
        r.setReadName(t.name());
        r.setReadPairedFlag(true);
        r.setFirstOfPairFlag(first);
        r.setSecondOfPairFlag(!first);
        r.setDuplicateReadFlag(t.duplicate());
        r.setReadFailsVendorQualityCheckFlag(t.qcFail());
        r.setAttribute("RG", t.readGroup());
        return r;
    }

    /** Links two mapped mates: flags, mate fields, MC and template length. */
    private static void pair(SAMRecord a, SAMRecord b, boolean proper) {
        pointAt(a, b, proper);
        pointAt(b, a, proper);
        if (a.getReferenceIndex().equals(b.getReferenceIndex())) {
            int span = Math.max(a.getAlignmentEnd(), b.getAlignmentEnd())
                    - Math.min(a.getAlignmentStart(), b.getAlignmentStart())
                    + 1;
            boolean aLeft = a.getAlignmentStart() <= b.getAlignmentStart();
            a.setInferredInsertSize(aLeft ? span : -span);
            b.setInferredInsertSize(aLeft ? -span : span);
        }
    }

    private static void pointAt(SAMRecord r, SAMRecord mate, boolean proper) {
        r.setProperPairFlag(proper);
        r.setMateReferenceIndex(mate.getReferenceIndex());
        r.setMateAlignmentStart(mate.getAlignmentStart());
        r.setMateNegativeStrandFlag(mate.getReadNegativeStrandFlag());
        r.setAttribute("MC", mate.getCigarString());
    }

    private static void copyMate(SAMRecord from, SAMRecord to) {
        to.setProperPairFlag(from.getProperPairFlag());
        to.setMateUnmappedFlag(from.getMateUnmappedFlag());
        to.setMateReferenceIndex(from.getMateReferenceIndex());
        to.setMateAlignmentStart(from.getMateAlignmentStart());
        to.setMateNegativeStrandFlag(from.getMateNegativeStrandFlag());
        to.setInferredInsertSize(from.getInferredInsertSize());
        to.setAttribute("MC", from.getAttribute("MC"));
    }

    private static String saEntry(SAMRecord r) {
        return r.getReferenceName() + "," + r.getAlignmentStart() + "," + (r.getReadNegativeStrandFlag() ? '-' : '+')
                + "," + r.getCigarString() + "," + r.getMappingQuality() + "," + r.getAttribute("NM") + ";";
    }

    private int mapq() {
        double p = rng.nextDouble();
        if (p < 0.85) return 60;
        if (p < 0.93) return 0;
        return rng.nextInt(1, 60);
    }

    private String readGroup() {
        return rng.nextInt(3) == 0 ? "rg2" : "rg1";
    }

    /** Illumina-style names; the last field is the fragment number, so names are unique. */
    private String readName(long id) {
        return "SYN01:42:HCK2TDSX3:" + rng.nextInt(1, 5) + ":" + rng.nextInt(1101, 2679) + ":"
                + rng.nextInt(1000, 32000) + ":" + id;
    }
}

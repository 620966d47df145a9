package io.bams3.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fragment start positions in coordinate order, generated on the fly: each reference is cut into
 * segments of constant density (island or background), and each segment receives a fixed number
 * of uniformly distributed starts, produced already sorted (sequential order statistics), so
 * nothing but the current position is held.
 */
public final class FragmentWalk {
    /** A stretch [start, end) of one reference that receives {@code fragments} starts. */
    record Segment(int ref, int start, int end, long fragments) {}

    private final List<Segment> segments;
    private final SplittableRandom rng;
    private int segment = -1;
    private long left;
    private double cursor;
    private int ref;
    private int pos;

    public FragmentWalk(SyntheticLayout layout, long fragments, SplittableRandom rng) {
        this(segments(layout, fragments), rng);
    }

    /** A walk over given segments (in coordinate order, not overlapping). */
    FragmentWalk(List<Segment> segments, SplittableRandom rng) {
        this.segments = List.copyOf(segments);
        this.rng = rng;
    }

    /** Advances to the next start; false when all fragments are placed. */
    public boolean next() {
        while (left == 0) {
            if (++segment >= segments.size()) {
                return false;
            }
            Segment s = segments.get(segment);
            left = s.fragments();
            cursor = s.start();
        }
        Segment s = segments.get(segment);
        // the minimum of `left` uniforms on [cursor, end): the next order statistic
        cursor += (s.end() - cursor) * (1 - Math.pow(rng.nextDouble(), 1.0 / left));
        left--;
        ref = s.ref();
        pos = Math.min(s.end() - 1, (int) cursor);
        return true;
    }

    public int ref() {
        return ref;
    }

    public int pos() {
        return pos;
    }

    static List<Segment> segments(SyntheticLayout layout, long fragments) {
        double background = (1 - layout.islandShare()) / layout.placeableBases();
        double island = layout.islandShare() / layout.islandBases();
        List<Stretch> stretches = new ArrayList<>();
        for (int r = 0; r < layout.contigs().size(); r++) {
            SyntheticLayout.Contig c = layout.contigs().get(r);
            int at = 0;
            for (SyntheticLayout.Interval i : c.islands()) {
                stretches.add(new Stretch(r, at, i.start(), background));
                stretches.add(new Stretch(r, i.start(), i.end(), background + island));
                at = i.end();
            }
            stretches.add(new Stretch(r, at, c.length() - layout.endMargin(), background));
        }
        // cumulative rounding: the counts add up to exactly `fragments`
        List<Segment> out = new ArrayList<>();
        double cumulative = 0;
        long assigned = 0;
        for (int i = 0; i < stretches.size(); i++) {
            Stretch s = stretches.get(i);
            cumulative += s.density() * (s.end() - s.start());
            long upTo = i == stretches.size() - 1 ? fragments : Math.round(cumulative * fragments);
            out.add(new Segment(s.ref(), s.start(), s.end(), upTo - assigned));
            assigned = upTo;
        }
        return out;
    }

    /** A stretch of reference and its share of fragments per base. */
    private record Stretch(int ref, int start, int end, double density) {}
}

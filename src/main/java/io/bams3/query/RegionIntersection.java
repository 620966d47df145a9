package io.bams3.query;

import java.util.ArrayList;
import java.util.List;

/**
 * What samtools does with a BED file ({@code -L}) and region arguments together: the BED's
 * intervals clipped to the regions (0-based, half-open), each piece kept only where a BED interval
 * and a region share at least one base. The unplaced region {@code *} shares none.
 */
public final class RegionIntersection {
    private RegionIntersection() {}

    public static List<Region> of(List<Region> targets, List<Region> regions) {
        List<Region> a = QueryPlanner.merge(targets);
        List<Region> b = QueryPlanner.merge(regions);
        List<Region> out = new ArrayList<>();
        for (Region t : a) {
            if (t.isUnplaced()) {
                continue;
            }
            for (Region r : b) {
                if (r.refIndex() == t.refIndex() && r.beg() < t.end() && t.beg() < r.end()) {
                    out.add(new Region(
                            t.refIndex(), t.refName(), Math.max(t.beg(), r.beg()), Math.min(t.end(), r.end())));
                }
            }
        }
        return out;
    }
}

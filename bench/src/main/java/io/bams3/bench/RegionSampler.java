package io.bams3.bench;

import io.bams3.codec.BamHeader;
import io.bams3.query.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random query regions of one size, each lying wholly inside a deeply covered island. */
public final class RegionSampler {
    private final SyntheticLayout layout;
    private final BamHeader header;

    public RegionSampler(SyntheticLayout layout, BamHeader header) {
        this.layout = layout;
        this.header = header;
    }

    /** {@code count} regions of {@code size} bases; islands are picked in proportion to their length. */
    public List<Region> sample(int size, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ size);
        long total = layout.islandBases();
        List<Region> out = new ArrayList<>(count);
        while (out.size() < count) {
            long pick = rng.nextLong(total);
            for (SyntheticLayout.Contig c : layout.contigs()) {
                for (SyntheticLayout.Interval i : c.islands()) {
                    if (pick >= 0 && pick < i.length()) {
                        out.add(region(c.name(), i, size, rng));
                    }
                    pick -= i.length();
                }
            }
        }
        return out;
    }

    private Region region(String name, SyntheticLayout.Interval island, int size, SplittableRandom rng) {
        if (size > island.length()) {
            throw new IllegalArgumentException("region size " + size + " exceeds island " + island);
        }
        int ref = header.referenceIndex(name);
        if (ref < 0) {
            throw new IllegalArgumentException("dataset has no reference " + name);
        }
        int beg = island.start() + rng.nextInt(island.length() - size + 1);
        return new Region(ref, name, beg, beg + size);
    }
}

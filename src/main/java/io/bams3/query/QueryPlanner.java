package io.bams3.query;

import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.store.ByteRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns regions into the chunk byte ranges to read, in file order. Several regions follow
 * {@code samtools view -M}: sorted by reference and start, overlapping ones merged, every record
 * read once. Chunks a region covers completely are read whole; others through their block index.
 */
public final class QueryPlanner {
    private final Dataset dataset;

    public QueryPlanner(Dataset dataset) {
        this.dataset = dataset;
    }

    /** Every record of the dataset: all references in header order, then the unplaced records. */
    public List<ChunkRead> everything() {
        List<ChunkRead> out = new ArrayList<>();
        for (int ref = 0; ref < dataset.header().references().size(); ref++) {
            addWhole(ref, out);
        }
        addWhole(Region.UNPLACED, out);
        return out;
    }

    public List<ChunkRead> plan(List<Region> regions) {
        List<Region> merged = merge(regions);
        List<ChunkRead> out = new ArrayList<>();
        int i = 0;
        while (i < merged.size()) {
            int ref = merged.get(i).refIndex();
            int j = i;
            while (j < merged.size() && merged.get(j).refIndex() == ref) {
                j++;
            }
            List<Region> group = merged.subList(i, j);
            if (ref == Region.UNPLACED) {
                addWhole(ref, out);
            } else {
                planReference(ref, group, out);
            }
            i = j;
        }
        return out;
    }

    /** Sorts by reference (unplaced last) and start; merges overlapping or touching intervals. */
    public static List<Region> merge(List<Region> regions) {
        List<Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingInt((Region r) -> r.isUnplaced() ? Integer.MAX_VALUE : r.refIndex())
                .thenComparingInt(Region::beg));
        List<Region> out = new ArrayList<>();
        for (Region r : sorted) {
            Region last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.refIndex() == r.refIndex() && (r.isUnplaced() || r.beg() <= last.end())) {
                out.set(
                        out.size() - 1,
                        new Region(last.refIndex(), last.refName(), last.beg(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private void addWhole(int ref, List<ChunkRead> out) {
        List<ChunkEntry> chunks = dataset.chunks(ref);
        for (int c = 0; c < chunks.size(); c++) {
            ChunkEntry e = chunks.get(c);
            out.add(new ChunkRead(ref, dataset.chunkKey(ref, e, c), e, new ByteRange(0, e.bytes()), List.of()));
        }
    }

    private void planReference(int ref, List<Region> regions, List<ChunkRead> out) {
        List<ChunkEntry> chunks = dataset.chunks(ref);
        List<Integer> partial = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            ChunkEntry e = chunks.get(c);
            List<Region> hits = hits(e, regions);
            if (!hits.isEmpty() && hits.stream().noneMatch(r -> e.coveredBy(r.beg(), r.end()))) {
                partial.add(c);
            }
        }
        List<BlockIndex> indexes =
                dataset.blockIndexes(ref, partial.stream().map(chunks::get).toList());
        int next = 0;
        for (int c = 0; c < chunks.size(); c++) {
            ChunkEntry e = chunks.get(c);
            List<Region> hits = hits(e, regions);
            if (hits.isEmpty()) {
                continue;
            }
            String key = dataset.chunkKey(ref, e, c);
            if (next < partial.size() && partial.get(next) == c) {
                BlockIndex index = indexes.get(next++);
                List<ByteRange> ranges = new ArrayList<>();
                for (Region r : hits) {
                    ranges.addAll(BlockRanges.of(index, r.beg(), r.end(), e.bytes()));
                }
                for (ByteRange range : mergeRanges(ranges)) {
                    out.add(new ChunkRead(ref, key, e, range, hits).withUnits(index));
                }
            } else {
                out.add(new ChunkRead(ref, key, e, new ByteRange(0, e.bytes()), hits));
            }
        }
    }

    private static List<Region> hits(ChunkEntry e, List<Region> regions) {
        return regions.stream().filter(r -> e.mayOverlap(r.beg(), r.end())).toList();
    }

    /** Sorted, with overlapping or touching ranges joined. */
    public static List<ByteRange> mergeRanges(List<ByteRange> ranges) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::from));
        List<ByteRange> out = new ArrayList<>();
        for (ByteRange r : sorted) {
            ByteRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.from() <= last.to()) {
                out.set(out.size() - 1, new ByteRange(last.from(), Math.max(last.to(), r.to())));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}

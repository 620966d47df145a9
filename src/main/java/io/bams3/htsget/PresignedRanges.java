package io.bams3.htsget;

import io.bams3.store.ByteRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranged URLs of a presigned ticket, from the byte ranges a plan reads: per chunk object, in
 * plan (file) order, the union of its ranges (sorted, overlapping or touching ones joined, so no
 * byte and no record is handed out twice), then neighbours whose gap is below {@code maxGap}
 * joined (fetching a small gap is cheaper than another request; a large one is skipped, which is
 * what keeps the unrelated records between a long read's unit and the region out of the answer).
 * If that leaves more than {@code maxUrls} ranges, the smallest gaps are joined first until it
 * does not, but never below one range per chunk object.
 */
final class PresignedRanges {
    /**
     * Default {@code maxGap}. A skipped gap costs the client another request (a store round trip
     * of some 10-50 ms, worth 0.5-5 MB on one S3 connection); a fetched gap costs its bytes and
     * the decoding of records the client then drops. On dense reads with 50-150 kb N-skips in
     * 16 MiB chunks, lowering the gap from 1 MiB to 256 KiB saved some 490 KB per added URL, from
     * 256 KiB to 64 KiB only some 120 KB: 256 KiB is where a URL stops paying for itself on a fast
     * link.
     */
    static final long DEFAULT_MAX_GAP = 256 << 10;

    /**
     * Default bound on the ranges of one ticket (a presigned URL is up to 1-2 KB of ticket JSON,
     * and clients such as samtools fetch them one after another); a plan reading more chunk
     * objects than this still gets one URL per object.
     */
    static final int DEFAULT_MAX_URLS = 256;

    private PresignedRanges() {}

    /** Bytes {@code range} of chunk object {@code key}. */
    record Piece(String key, ByteRange range) {}

    /**
     * The ranges to hand out for {@code reads} (the plan's ranges, in plan order): chunk objects in
     * the order they first appear, each object's ranges in offset order.
     */
    static List<Piece> plan(List<Piece> reads, long maxGap, int maxUrls) {
        if (maxGap < 0 || maxUrls < 1) {
            throw new IllegalArgumentException("maxGap must be >= 0 and maxUrls >= 1");
        }
        Map<String, List<ByteRange>> byKey = new LinkedHashMap<>();
        for (Piece p : reads) {
            byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.range());
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        List<List<ByteRange>> ranges = new ArrayList<>();
        int count = 0;
        for (String key : keys) {
            List<ByteRange> joined = join(union(byKey.get(key)), maxGap);
            ranges.add(joined);
            count += joined.size();
        }
        int limit = Math.max(maxUrls, keys.size());
        if (count > limit) {
            ranges = joinSmallestGaps(ranges, count - limit);
        }
        List<Piece> out = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            for (ByteRange r : ranges.get(k)) {
                out.add(new Piece(keys.get(k), r));
            }
        }
        return out;
    }

    /** Sorted by offset, overlapping or touching ranges joined. */
    static List<ByteRange> union(List<ByteRange> ranges) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::from).thenComparingLong(ByteRange::to));
        return join(sorted, 0);
    }

    /** Sorted ranges with every gap below {@code maxGap} (and every overlap or touch) joined. */
    private static List<ByteRange> join(List<ByteRange> sorted, long maxGap) {
        List<ByteRange> out = new ArrayList<>();
        for (ByteRange r : sorted) {
            int last = out.size() - 1;
            if (last >= 0 && r.from() - out.get(last).to() < Math.max(maxGap, 1)) {
                out.set(
                        last,
                        new ByteRange(
                                out.get(last).from(), Math.max(out.get(last).to(), r.to())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Joins the {@code n} smallest gaps between neighbouring ranges of one object (earlier first on ties). */
    private static List<List<ByteRange>> joinSmallestGaps(List<List<ByteRange>> ranges, int n) {
        record Gap(int key, int index, long size) {}
        List<Gap> gaps = new ArrayList<>();
        for (int k = 0; k < ranges.size(); k++) {
            List<ByteRange> rs = ranges.get(k);
            for (int i = 1; i < rs.size(); i++) {
                gaps.add(new Gap(k, i, rs.get(i).from() - rs.get(i - 1).to()));
            }
        }
        gaps.sort(Comparator.comparingLong(Gap::size).thenComparingInt(Gap::key).thenComparingInt(Gap::index));
        List<boolean[]> joined = new ArrayList<>();
        for (List<ByteRange> rs : ranges) {
            joined.add(new boolean[rs.size()]);
        }
        for (Gap g : gaps.subList(0, Math.min(n, gaps.size()))) {
            joined.get(g.key())[g.index()] = true;
        }
        List<List<ByteRange>> out = new ArrayList<>();
        for (int k = 0; k < ranges.size(); k++) {
            List<ByteRange> rs = ranges.get(k);
            List<ByteRange> kept = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                if (joined.get(k)[i]) {
                    ByteRange last = kept.remove(kept.size() - 1);
                    kept.add(new ByteRange(last.from(), rs.get(i).to()));
                } else {
                    kept.add(rs.get(i));
                }
            }
            out.add(kept);
        }
        return out;
    }
}

package io.bams3.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Figures over the regions of one size queried on one dataset. Regions whose returned records
 * start more than {@link #LONG_LEAD} bases before the region are counted apart: they are reached
 * by a long-span (spliced) record, whose compressed unit has to be read as well.
 */
public record RegionSummary(String dataset, int size, List<RegionMeasurement> regions) {
    public static final int LONG_LEAD = 1_000;

    public int count() {
        return regions.size();
    }

    public double meanRatio() {
        return mean(regions, RegionMeasurement::ratio);
    }

    public double maxRatio() {
        return max(regions, RegionMeasurement::ratio);
    }

    public double meanBaiRatio() {
        return mean(regions, RegionMeasurement::baiRatio);
    }

    public double maxBaiRatio() {
        return max(regions, RegionMeasurement::baiRatio);
    }

    public List<RegionMeasurement> reachedByLongSpan() {
        return regions.stream().filter(m -> m.lead() > LONG_LEAD).toList();
    }

    public List<RegionMeasurement> notReachedByLongSpan() {
        return regions.stream().filter(m -> m.lead() <= LONG_LEAD).toList();
    }

    public double meanRecords() {
        return mean(regions, RegionMeasurement::records);
    }

    public double meanRecordBytes() {
        return mean(regions, RegionMeasurement::recordBytes);
    }

    public double meanDataRequests() {
        return mean(regions, RegionMeasurement::dataRequests);
    }

    public long maxMetadataPlusIndex() {
        return maxLong(regions, m -> m.metadataBytes() + m.indexBytes());
    }

    public long maxMetadata() {
        return maxLong(regions, RegionMeasurement::metadataBytes);
    }

    public long maxIndex() {
        return maxLong(regions, RegionMeasurement::indexBytes);
    }

    public long maxHeader() {
        return maxLong(regions, RegionMeasurement::headerBytes);
    }

    public static double mean(List<RegionMeasurement> ms, ToDoubleFunction<RegionMeasurement> f) {
        return ms.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    public static double max(List<RegionMeasurement> ms, ToDoubleFunction<RegionMeasurement> f) {
        return ms.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    private static long maxLong(List<RegionMeasurement> ms, ToLongFunction<RegionMeasurement> f) {
        return ms.stream().mapToLong(f).max().orElse(0);
    }
}

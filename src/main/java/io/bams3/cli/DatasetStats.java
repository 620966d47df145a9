package io.bams3.cli;

import io.bams3.codec.BamHeader;
import io.bams3.codec.FlagStats;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.ReferenceSummary;
import io.bams3.query.Dataset;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts {@code bams3 stats}, {@code idxstats} and {@code flagstat} print for one opened
 * dataset, from its metadata alone (no chunk is read): the {@code samtools idxstats} rows, the
 * flagstat counters, the mapped and unmapped totals, and the JSON fields.
 */
final class DatasetStats {
    private final DatasetMetadata m;
    private final List<BamHeader.Reference> names;
    private final List<ReferenceSummary> summaries;

    DatasetStats(Dataset dataset) {
        this.m = dataset.metadata();
        this.names = dataset.header().references();
        this.summaries = dataset.summaries();
    }

    /** Opens the dataset at {@code location} and reads its counts (the store is closed again). */
    static DatasetStats open(StoreLocator stores, String location) {
        try (ObjectStore store = stores.open(location)) {
            return new DatasetStats(Dataset.open(store));
        }
    }

    /** The samtools flagstat counters, counted when the dataset was converted. */
    FlagStats flagstat() {
        return m.flagstat();
    }

    /** Records placed on a reference without flag 0x4 (idxstats column 3, summed). */
    long mapped() {
        return summaries.stream().mapToLong(ReferenceSummary::mapped).sum();
    }

    /** Records with flag 0x4: placed on a reference (idxstats column 4) or unplaced ({@code *}). */
    long unmapped() {
        return summaries.stream().mapToLong(ReferenceSummary::unmapped).sum()
                + m.unplaced().records();
    }

    long records() {
        return m.records();
    }

    /** The idxstats rows (name, length, mapped, unmapped; then {@code *}), each after {@code prefix}. */
    void appendIdxstats(String prefix, StringBuilder out) {
        for (int i = 0; i < summaries.size(); i++) {
            ReferenceSummary r = summaries.get(i);
            out.append(prefix)
                    .append(names.get(i).name())
                    .append('\t')
                    .append(r.length())
                    .append('\t')
                    .append(r.mapped())
                    .append('\t')
                    .append(r.unmapped())
                    .append('\n');
        }
        out.append(prefix).append("*\t0\t0\t").append(m.unplaced().records()).append('\n');
    }

    /** The fields of {@code stats --json}, in order. */
    Map<String, Object> json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("formatVersion", m.formatVersion());
        doc.put("codec", m.codec());
        doc.put("created", m.created());
        doc.put("source", m.source());
        doc.put("records", m.records());
        doc.put("chunks", m.chunks());
        doc.put("bytes", m.dataBytes());
        doc.put("chunkTargetBytes", m.chunkTargetBytes());
        List<Map<String, Object>> refs = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            ReferenceSummary r = summaries.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", names.get(i).name());
            e.put("length", r.length());
            e.put("mapped", r.mapped());
            e.put("unmapped", r.unmapped());
            e.put("chunks", r.chunks());
            e.put("bytes", r.bytes());
            refs.add(e);
        }
        doc.put("references", refs);
        doc.put(
                "unplaced",
                Map.of(
                        "records",
                        m.unplaced().records(),
                        "chunks",
                        m.unplaced().chunks(),
                        "bytes",
                        m.unplaced().bytes()));
        doc.put("flagstat", m.flagstat());
        return doc;
    }
}

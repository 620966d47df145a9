package io.bams3.web.page;

import io.bams3.auth.Access;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.codec.BamHeader;
import io.bams3.format.ChunkEntry;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.ReferenceSummary;
import io.bams3.htsget.ErrorTable;
import io.bams3.htsget.HtsgetError;
import io.bams3.query.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the browse and view pages show: the dataset list (ids from {@link DatasetLister}, each row
 * from the dataset's metadata through the catalog's cache), a dataset's references for the
 * viewer's genome, and its {@link Overview}. Only metadata, the header, the reference table,
 * chunk tables and block indexes are read, never chunk data. A caller sees only the ids its
 * {@link Access} permits.
 */
final class PageService {
    static final int MAX_LIMIT = 500;
    static final int DENSITY_BINS = 400;
    /** A reference with at most this many chunks has its block indexes read for the density. */
    static final int MAX_INDEXED_CHUNKS = 64;

    private final DatasetCatalog catalog;
    private final DatasetLister lister;

    PageService(DatasetCatalog catalog) {
        this.catalog = catalog;
        this.lister = new DatasetLister(catalog);
    }

    /** The ids containing {@code filter} (case-insensitive) that {@code access} permits, from {@code offset} on. */
    DatasetPage list(String filter, int offset, int limit, Access access) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw HtsgetError.INVALID_INPUT.exception("offset must be 0 or more and limit between 1 and " + MAX_LIMIT);
        }
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        DatasetIds all = lister.ids();
        List<String> matching = all.ids().stream()
                .filter(id -> id.toLowerCase(Locale.ROOT).contains(needle))
                .filter(access::permits)
                .toList();
        List<DatasetSummary> items = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
            items.add(summary(matching.get(i)));
        }
        return new DatasetPage(matching.size(), offset, limit, items, all.notes());
    }

    private DatasetSummary summary(String id) {
        try {
            DatasetMetadata m = catalog.open(id).metadata();
            return new DatasetSummary(id, m.records(), m.dataBytes(), m.codec(), m.chunks(), m.created(), null);
        } catch (RuntimeException e) {
            return DatasetSummary.unreadable(id, ErrorTable.classify(e).getMessage());
        }
    }

    /** The header's references (name, length in bases), in header order. */
    List<BamHeader.Reference> references(String id, Access access) {
        return open(id, access).header().references();
    }

    /** Reference counts and the density along {@code reference} (null: the one with the most records). */
    Overview overview(String id, String reference, Access access) {
        Dataset ds = open(id, access);
        List<BamHeader.Reference> refs = ds.header().references();
        List<ReferenceSummary> summaries = ds.summaries();
        List<Overview.Reference> rows = new ArrayList<>(refs.size());
        int busiest = -1;
        for (int i = 0; i < refs.size(); i++) {
            ReferenceSummary s = summaries.get(i);
            rows.add(new Overview.Reference(refs.get(i).name(), refs.get(i).length(), s.mapped(), s.unmapped()));
            if (busiest < 0 || s.records() > summaries.get(busiest).records()) {
                busiest = i;
            }
        }
        int selected = busiest;
        if (reference != null && !reference.isEmpty()) {
            selected = ds.header().referenceIndex(reference);
            if (selected < 0) {
                throw HtsgetError.NOT_FOUND.exception(
                        "the dataset has no reference named '" + printable(reference) + "'");
            }
        }
        Overview.Density density = null;
        if (selected >= 0) {
            density = density(ds, selected, refs.get(selected), summaries.get(selected));
        }
        return new Overview(id, rows, ds.metadata().unplaced().records(), density);
    }

    private static Overview.Density density(
            Dataset ds, int ref, BamHeader.Reference reference, ReferenceSummary summary) {
        List<ChunkEntry> chunks = summary.records() == 0 ? List.of() : ds.chunks(ref);
        long[] window = DensityEstimate.window(reference.length(), chunks);
        DensityEstimate estimate = new DensityEstimate(window[0], window[1], DENSITY_BINS);
        String source = "chunk-table";
        if (!chunks.isEmpty() && chunks.size() <= MAX_INDEXED_CHUNKS) {
            var indexes = ds.blockIndexes(ref, chunks);
            for (int i = 0; i < chunks.size(); i++) {
                estimate.addByUnits(chunks.get(i), indexes.get(i));
            }
            source = "block-index";
        } else {
            estimate.addAll(chunks);
        }
        return new Overview.Density(
                reference.name(),
                reference.length(),
                window[0],
                window[1],
                estimate.binSize(),
                estimate.counts(),
                source);
    }

    private Dataset open(String id, Access access) {
        DatasetLocator.check(id);
        if (!access.permits(id)) {
            throw HtsgetError.PERMISSION_DENIED.exception(
                    "the credentials presented do not grant access to '" + id + "'");
        }
        return catalog.open(id);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}

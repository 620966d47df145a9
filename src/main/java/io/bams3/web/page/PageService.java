package io.bams3.web.page;

import io.bams3.auth.Access;
import io.bams3.catalog.CohortCatalog;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.codec.BamHeader;
import io.bams3.codec.MessageText;
import io.bams3.cohort.Cohort;
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
    private final CohortCatalog cohorts;
    private final DatasetLister lister;
    private final ReferenceCatalog sequences;

    PageService(DatasetCatalog catalog, CohortCatalog cohorts, ReferenceCatalog sequences) {
        this.catalog = catalog;
        this.cohorts = cohorts;
        this.lister = new DatasetLister(catalog);
        this.sequences = sequences;
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
        CohortCatalog.Named named = open(id, access);
        return named.dataset() != null
                ? named.dataset().header().references()
                : named.cohort().header().references();
    }

    /**
     * Reference counts and the density along {@code reference} (null: the one with the most
     * records); for a cohort, its members' together, with the members listed.
     */
    Overview overview(String id, String reference, Access access) {
        CohortCatalog.Named named = open(id, access);
        List<Dataset> datasets = named.dataset() != null
                ? List.of(named.dataset())
                : named.cohort().members().stream().map(Cohort.Member::dataset).toList();
        List<BamHeader.Reference> refs = datasets.get(0).header().references();
        long[] mapped = new long[refs.size()];
        long[] unmapped = new long[refs.size()];
        long unplaced = 0;
        for (Dataset ds : datasets) {
            List<ReferenceSummary> summaries = ds.summaries();
            for (int i = 0; i < refs.size(); i++) {
                mapped[i] += summaries.get(i).mapped();
                unmapped[i] += summaries.get(i).unmapped();
            }
            unplaced += ds.metadata().unplaced().records();
        }
        List<Overview.Reference> rows = new ArrayList<>(refs.size());
        int busiest = -1;
        for (int i = 0; i < refs.size(); i++) {
            rows.add(new Overview.Reference(refs.get(i).name(), refs.get(i).length(), mapped[i], unmapped[i]));
            if (busiest < 0 || mapped[i] + unmapped[i] > mapped[busiest] + unmapped[busiest]) {
                busiest = i;
            }
        }
        int selected = busiest;
        if (reference != null && !reference.isEmpty()) {
            selected = datasets.get(0).header().referenceIndex(reference);
            if (selected < 0) {
                throw HtsgetError.NOT_FOUND.exception(
                        "the dataset has no reference named '" + MessageText.shown(reference) + "'");
            }
        }
        Overview.Density density = selected < 0 ? null : density(datasets, selected, refs.get(selected));
        List<Overview.Member> members = new ArrayList<>();
        if (named.cohort() != null) {
            List<String> ids = cohorts.memberIds(id);
            List<String> samples = named.cohort().samples();
            for (int m = 0; m < samples.size(); m++) {
                String memberId = ids.get(m);
                members.add(new Overview.Member(
                        samples.get(m), memberId != null && access.permits(memberId) ? memberId : null));
            }
        }
        return new Overview(
                id, rows, unplaced, density, members, sequences.find(id).isPresent());
    }

    /** The reference sequence configured for {@code id}; NotFound when there is none (or no such dataset). */
    ReferenceSequence sequence(String id, Access access) {
        open(id, access);
        return sequences
                .find(id)
                .orElseThrow(() -> HtsgetError.NOT_FOUND.exception(
                        "no reference sequence is configured for '" + MessageText.shown(id) + "'"));
    }

    /**
     * The records of reference {@code ref} of every dataset in bins: spread by block index units
     * when all of them hold at most {@link #MAX_INDEXED_CHUNKS} chunks there, else by chunk.
     */
    private static Overview.Density density(List<Dataset> datasets, int ref, BamHeader.Reference reference) {
        List<List<ChunkEntry>> chunks = new ArrayList<>();
        List<ChunkEntry> all = new ArrayList<>();
        for (Dataset ds : datasets) {
            List<ChunkEntry> c = ds.summary(ref).records() == 0 ? List.of() : ds.chunks(ref);
            chunks.add(c);
            all.addAll(c);
        }
        long[] window = DensityEstimate.window(reference.length(), all);
        DensityEstimate estimate = new DensityEstimate(window[0], window[1], DENSITY_BINS);
        boolean byUnits = !all.isEmpty() && all.size() <= MAX_INDEXED_CHUNKS;
        for (int d = 0; d < datasets.size(); d++) {
            List<ChunkEntry> c = chunks.get(d);
            if (!byUnits) {
                estimate.addAll(c);
            } else if (!c.isEmpty()) {
                var indexes = datasets.get(d).blockIndexes(ref, c);
                for (int i = 0; i < c.size(); i++) {
                    estimate.addByUnits(c.get(i), indexes.get(i));
                }
            }
        }
        return new Overview.Density(
                reference.name(),
                reference.length(),
                window[0],
                window[1],
                estimate.binSize(),
                estimate.counts(),
                byUnits ? "block-index" : "chunk-table");
    }

    private CohortCatalog.Named open(String id, Access access) {
        DatasetLocator.check(id);
        if (!access.permits(id)) {
            throw HtsgetError.PERMISSION_DENIED.exception(
                    "the credentials presented do not grant access to '" + id + "'");
        }
        return cohorts.resolve(id);
    }
}

package io.bams3.htsget;

import io.bams3.auth.Access;
import io.bams3.catalog.CohortCatalog;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.codec.BamHeader;
import io.bams3.codec.BamWriter;
import io.bams3.codec.BgzfBlockCodec;
import io.bams3.codec.RecordTrimmer;
import io.bams3.cohort.Cohort;
import io.bams3.cohort.CohortReader;
import io.bams3.format.Codec;
import io.bams3.query.BamBlockStreamer;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.query.FetchPool;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordConsumer;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;
import io.bams3.store.LocationNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers htsget reads requests against the catalog: tickets (inline header and EOF, then either
 * presigned ranged store URLs or a URL of the data endpoint) and the data endpoint's streams.
 * Everything that can fail because of the request fails before a stream starts.
 */
public final class ReadsService {
    private static final String DATA_PREFIX = "data:;base64,";

    /**
     * Longest path and query of one data URL; a ticket spreads its regions over as many data URLs
     * as it takes to stay below (servers and proxies refuse request lines over 8 KB by default).
     */
    public static final int DATA_URL_BUDGET = 4096;

    /**
     * @param readAheadBytes bytes of chunk ranges one stream may fetch ahead and buffer
     * @param signer signs data endpoint URLs, or null to leave them unsigned
     * @param maxRegions most regions one request may name (more is InvalidInput)
     * @param presignMaxGap bytes between two ranges of one chunk object below which a presigned
     *     ticket fetches the gap rather than give the second range its own URL
     * @param cohortBufferBytes bytes of fetched ranges one cohort stream buffers, for all its members
     */
    public record Settings(
            TicketMode mode,
            Duration presignExpiry,
            long readAheadBytes,
            DataUrlSigner signer,
            int maxRegions,
            long presignMaxGap,
            long cohortBufferBytes) {
        public Settings {
            if (maxRegions < 1) {
                throw new IllegalArgumentException("the region limit must be at least 1");
            }
            if (presignMaxGap < 0) {
                throw new IllegalArgumentException("the presigned range gap must not be negative");
            }
        }

        /** Settings with the default cohort buffer ({@link CohortReader#BUFFER_BYTES}). */
        public Settings(
                TicketMode mode,
                Duration presignExpiry,
                long readAheadBytes,
                DataUrlSigner signer,
                int maxRegions,
                long presignMaxGap) {
            this(mode, presignExpiry, readAheadBytes, signer, maxRegions, presignMaxGap, CohortReader.BUFFER_BYTES);
        }

        /** Settings with the default presigned range gap ({@link PresignedRanges#DEFAULT_MAX_GAP}). */
        public Settings(
                TicketMode mode, Duration presignExpiry, long readAheadBytes, DataUrlSigner signer, int maxRegions) {
            this(mode, presignExpiry, readAheadBytes, signer, maxRegions, PresignedRanges.DEFAULT_MAX_GAP);
        }
    }

    private final DatasetCatalog catalog;
    private final Settings settings;
    private final FetchPool fetchPool;
    private final CohortCatalog cohorts;
    private final DataUrls dataUrls;
    private final CohortReads cohortReads;

    /**
     * A service whose streams fetch chunk ranges on the shared {@code fetchPool}; cohort ids are
     * answered too ({@link CohortReads}).
     */
    public ReadsService(DatasetCatalog catalog, Settings settings, FetchPool fetchPool) {
        this.catalog = catalog;
        this.settings = settings;
        this.fetchPool = fetchPool;
        this.cohorts = new CohortCatalog(catalog, fetchPool);
        this.dataUrls = new DataUrls(settings.signer());
        this.cohortReads = new CohortReads(dataUrls, settings.cohortBufferBytes(), fetchPool);
    }

    public Settings settings() {
        return settings;
    }

    /** Whether field and tag filters take effect (not in presigned mode, which serves stored bytes). */
    public boolean filtersEffective() {
        return settings.mode() != TicketMode.PRESIGNED;
    }

    /**
     * A ticket for a caller with {@code access}; {@code dataEndpoint} is the absolute URL of the
     * data endpoint, without a trailing '/'. An id the caller may not read is PermissionDenied
     * whether or not it exists, so the answer tells nothing of ids outside the caller's grants.
     */
    public Answer<Ticket> ticket(HtsgetRequest request, String dataEndpoint, Access access) {
        checkNotReserved(request.id());
        if (!access.permits(request.id())) {
            throw HtsgetError.PERMISSION_DENIED.exception(
                    "the credentials presented do not grant access to '" + request.id() + "'");
        }
        checkRegionCount(request);
        Target target = open(request);
        if (target.cohort() != null) {
            return cohortReads.ticket(target.cohort(), request, dataEndpoint);
        }
        Dataset ds = target.dataset();
        List<Ticket.Url> urls = new ArrayList<>();
        if (request.headerOnly()) {
            urls.add(inline(concat(ds.headerBlocks(), BgzfBlockCodec.EOF_BLOCK), "header"));
            return new Answer<>(new Ticket("BAM", urls), Mode.INLINE);
        }
        urls.add(inline(ds.headerBlocks(), "header"));
        Selection selection = select(ds, request);
        Mode mode = Mode.INLINE;
        if (!selection.plan().isEmpty()) {
            List<Ticket.Url> presigned = presign(ds, request, selection.plan());
            if (presigned != null) {
                urls.addAll(presigned);
                mode = Mode.PRESIGNED;
            } else {
                for (String url : dataUrls.of(dataEndpoint, request, selection.regions())) {
                    urls.add(new Ticket.Url(url, Map.of(), "body"));
                }
                mode = Mode.STREAMED;
            }
        }
        urls.add(inline(BgzfBlockCodec.EOF_BLOCK, "body"));
        return new Answer<>(new Ticket("BAM", urls), mode);
    }

    /** How a ticket's records are delivered. */
    public enum Mode {
        INLINE,
        STREAMED,
        PRESIGNED
    }

    /** A result with the delivery mode (for metrics). */
    public record Answer<T>(T value, Mode mode) {}

    /**
     * Prepares a data endpoint response: checks the signature (if URLs are signed), the id, the
     * parameters and the regions, and plans the reads; nothing is written yet.
     * {@code encodedPath} is the request path below the data endpoint as sent (percent-encoded).
     */
    public DataStream data(String id, Map<String, List<String>> params, String encodedPath, String rawQuery) {
        if (settings.signer() != null) {
            settings.signer().verify(encodedPath, rawQuery);
        }
        checkNotReserved(id);
        RequestParser.ParsedData parsed = RequestParser.parseData(id, params);
        HtsgetRequest request = parsed.request();
        checkRegionCount(request);
        Target target = open(request);
        if (target.cohort() != null) {
            return cohortReads.data(target.cohort(), parsed);
        }
        Dataset ds = target.dataset();
        List<ChunkRead> plan =
                request.headerOnly() ? List.of() : select(ds, request).plan();
        if (parsed.startAt() != null) {
            plan = startAt(ds.header(), plan, parsed.startAt());
        }
        return new DataStream(ds, request, parsed.bodyOnly(), plan, settings.readAheadBytes(), fetchPool);
    }

    /**
     * The API's own routes take {@code service-info} and every path starting with {@code data}
     * (the data endpoint), so no id with those names is a dataset, whichever route and method it
     * comes through.
     */
    static void checkNotReserved(String id) {
        if (id.equals("service-info") || id.equals("data") || id.startsWith("data/")) {
            throw HtsgetError.INVALID_INPUT.exception("'" + id + "' is not a dataset id: service-info and ids"
                    + " starting with data/ are taken by the API's own routes");
        }
    }

    private void checkRegionCount(HtsgetRequest request) {
        if (request.regions().size() > settings.maxRegions()) {
            throw HtsgetError.INVALID_INPUT.exception(
                    "the request names " + request.regions().size() + " regions; at most " + settings.maxRegions()
                            + " are allowed in one request");
        }
    }

    /** Leaves out the records of the plan's reads on {@code startAt}'s reference that start before it. */
    static List<ChunkRead> startAt(BamHeader header, List<ChunkRead> plan, RequestedRegion startAt) {
        int ref = header.referenceIndex(startAt.referenceName());
        if (ref < 0) {
            throw HtsgetError.NOT_FOUND.exception("reference '" + startAt.referenceName() + "' is not in the dataset");
        }
        int pos = (int) Math.min(startAt.start(), Integer.MAX_VALUE);
        List<ChunkRead> out = new ArrayList<>(plan.size());
        for (ChunkRead read : plan) {
            if (read.refIndex() != ref) {
                out.add(read);
            } else if (read.chunk().lastPos() >= pos) {
                out.add(read.startingAt(pos));
            }
        }
        return out;
    }

    /**
     * A planned data response, written by {@link #writeTo}: the records of a dataset or of a
     * cohort's merged read, through one path for SAM, trimmed BAM and (datasets) stored blocks.
     */
    public static final class DataStream {
        /** Passes the planned records on; returns their number. */
        @FunctionalInterface
        interface Records {
            long read(RecordConsumer consumer) throws IOException;
        }

        /** Writes the planned records' stored BGZF blocks unchanged; returns the number of records. */
        @FunctionalInterface
        interface Blocks {
            long write(OutputStream out) throws IOException;
        }

        private final BamHeader header;
        private final byte[] headerBlocks;
        private final HtsgetRequest request;
        private final boolean bodyOnly;
        private final Records records;
        private final Blocks blocks;

        public DataStream(
                Dataset dataset,
                HtsgetRequest request,
                boolean bodyOnly,
                List<ChunkRead> plan,
                long readAheadBytes,
                FetchPool fetchPool) {
            this(
                    dataset.header(),
                    dataset.headerBlocks(),
                    request,
                    bodyOnly,
                    c -> new RecordReader(dataset, readAheadBytes, fetchPool).read(plan, c),
                    out -> new BamBlockStreamer(dataset, readAheadBytes, fetchPool).write(plan, out));
        }

        /** {@code blocks} null: records are always written one by one. */
        DataStream(
                BamHeader header,
                byte[] headerBlocks,
                HtsgetRequest request,
                boolean bodyOnly,
                Records records,
                Blocks blocks) {
            this.header = header;
            this.headerBlocks = headerBlocks;
            this.request = request;
            this.bodyOnly = bodyOnly;
            this.records = records;
            this.blocks = blocks;
        }

        public DataFormat format() {
            return request.format();
        }

        public String contentType() {
            return request.format() == DataFormat.SAM ? "text/plain;charset=UTF-8" : "application/octet-stream";
        }

        /** Streams the response; returns the number of records written. A failure leaves it unfinished. */
        public long writeTo(OutputStream out) throws IOException {
            RecordTrimmer trimmer = new RecordTrimmer(request.fields(), request.keepTags(), request.dropTags());
            if (request.format() == DataFormat.SAM) {
                if (!bodyOnly) {
                    out.write(header.samText());
                }
                RecordConsumer sam = RecordConsumer.samLines(header, out);
                long n = records.read(r -> sam.accept(trimmer.apply(r)));
                out.flush();
                return n;
            }
            if (!bodyOnly) {
                out.write(headerBlocks);
            }
            long n;
            if (trimmer.isIdentity() && blocks != null) {
                n = blocks.write(out);
            } else {
                BamWriter writer = BamWriter.recordsOnly(out);
                n = records.read(r -> writer.write(trimmer.apply(r)));
                writer.close();
            }
            if (!bodyOnly) {
                out.write(BgzfBlockCodec.EOF_BLOCK);
            }
            out.flush();
            return n;
        }
    }

    /** What an id names: a dataset, or (when there is no dataset of that id) a cohort, its samples selected. */
    private record Target(Dataset dataset, Cohort cohort) {}

    private Target open(HtsgetRequest request) {
        String id = request.id();
        Cohort cohort = cohorts.cached(id).orElse(null);
        if (cohort == null) {
            try {
                Dataset ds = catalog.open(id);
                if (request.samples() != null) {
                    throw HtsgetError.INVALID_INPUT.exception(
                            "'samples' applies to cohorts only; '" + id + "' is a dataset");
                }
                return new Target(ds, null);
            } catch (DatasetNotFoundException | LocationNotFoundException e) {
                try {
                    cohort = cohorts.open(id);
                } catch (DatasetNotFoundException | LocationNotFoundException notCohort) {
                    // the exception names the storage location; the client learns only the id
                    throw new HtsgetException(HtsgetError.NOT_FOUND, "no dataset with id '" + id + "'", e);
                }
            }
        }
        return new Target(null, request.samples() == null ? cohort : cohort.select(request.samples()));
    }

    /** Regions resolved against a header (0-based, half-open) and the reads they plan. */
    private record Selection(List<Region> regions, List<ChunkRead> plan) {}

    private static Selection select(Dataset ds, HtsgetRequest request) {
        QueryPlanner planner = new QueryPlanner(ds);
        if (request.regions().isEmpty()) {
            return new Selection(List.of(), planner.everything());
        }
        List<Region> regions = new RegionResolver(ds.header(), request.id()).resolve(request.regions());
        return new Selection(regions, regions.isEmpty() ? List.of() : planner.plan(regions));
    }

    /**
     * Presigned ranged URLs of the chunk objects the plan reads, in plan order: each object's
     * ranges united, gaps below the configured one joined, at most {@link PresignedRanges#DEFAULT_MAX_URLS}
     * URLs unless the plan reads more objects ({@link PresignedRanges}); or null when this request
     * is streamed instead.
     */
    private List<Ticket.Url> presign(Dataset ds, HtsgetRequest request, List<ChunkRead> plan) {
        if (settings.mode() == TicketMode.STREAMED
                || ds.codec() != Codec.BGZF
                || (settings.mode() == TicketMode.AUTO && !request.unfiltered())) {
            return null;
        }
        List<PresignedRanges.Piece> reads = new ArrayList<>(plan.size());
        for (ChunkRead read : plan) {
            reads.add(new PresignedRanges.Piece(read.key(), read.range()));
        }
        List<Ticket.Url> urls = new ArrayList<>();
        for (PresignedRanges.Piece p :
                PresignedRanges.plan(reads, settings.presignMaxGap(), PresignedRanges.DEFAULT_MAX_URLS)) {
            Optional<URI> url = ds.store().presign(p.key(), p.range(), settings.presignExpiry());
            if (url.isEmpty()) {
                return null;
            }
            urls.add(new Ticket.Url(
                    url.get().toString(), Map.of("Range", p.range().httpHeader()), "body"));
        }
        return urls;
    }

    static Ticket.Url inline(byte[] data, String dataClass) {
        return new Ticket.Url(DATA_PREFIX + Base64.getEncoder().encodeToString(data), null, dataClass);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

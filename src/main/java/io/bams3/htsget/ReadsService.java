package io.bams3.htsget;

import io.bams3.auth.Access;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.codec.BamWriter;
import io.bams3.codec.BgzfBlockCodec;
import io.bams3.codec.RecordTrimmer;
import io.bams3.codec.SamField;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    /** Room kept in a data URL's budget for the expiry and signature parameters. */
    private static final int SIGNATURE_ALLOWANCE = 128;

    /**
     * @param readAheadBytes bytes of chunk ranges one stream may fetch ahead and buffer
     * @param signer signs data endpoint URLs, or null to leave them unsigned
     * @param maxRegions most regions one request may name (more is InvalidInput)
     * @param presignMaxGap bytes between two ranges of one chunk object below which a presigned
     *     ticket fetches the gap rather than give the second range its own URL
     */
    public record Settings(
            TicketMode mode,
            Duration presignExpiry,
            long readAheadBytes,
            DataUrlSigner signer,
            int maxRegions,
            long presignMaxGap) {
        public Settings {
            if (maxRegions < 1) {
                throw new IllegalArgumentException("the region limit must be at least 1");
            }
            if (presignMaxGap < 0) {
                throw new IllegalArgumentException("the presigned range gap must not be negative");
            }
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

    /** A service whose streams fetch chunk ranges on the shared {@code fetchPool}. */
    public ReadsService(DatasetCatalog catalog, Settings settings, FetchPool fetchPool) {
        this.catalog = catalog;
        this.settings = settings;
        this.fetchPool = fetchPool;
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
        Dataset ds = open(request.id());
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
                for (String url : dataUrls(dataEndpoint, request, selection)) {
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
        Dataset ds = open(id);
        List<ChunkRead> plan =
                request.headerOnly() ? List.of() : select(ds, request).plan();
        if (parsed.startAt() != null) {
            plan = startAt(ds, plan, parsed.startAt());
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
    private static List<ChunkRead> startAt(Dataset ds, List<ChunkRead> plan, RequestedRegion startAt) {
        int ref = ds.header().referenceIndex(startAt.referenceName());
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

    /** A planned data response, written by {@link #writeTo}. */
    public static final class DataStream {
        private final Dataset dataset;
        private final HtsgetRequest request;
        private final boolean bodyOnly;
        private final List<ChunkRead> plan;
        private final long readAheadBytes;
        private final FetchPool fetchPool;

        public DataStream(
                Dataset dataset,
                HtsgetRequest request,
                boolean bodyOnly,
                List<ChunkRead> plan,
                long readAheadBytes,
                FetchPool fetchPool) {
            this.dataset = dataset;
            this.request = request;
            this.bodyOnly = bodyOnly;
            this.plan = plan;
            this.readAheadBytes = readAheadBytes;
            this.fetchPool = fetchPool;
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
            RecordReader reader = new RecordReader(dataset, readAheadBytes, fetchPool);
            if (request.format() == DataFormat.SAM) {
                if (!bodyOnly) {
                    out.write(dataset.header().samText());
                }
                RecordConsumer sam = RecordConsumer.samLines(dataset.header(), out);
                long n = reader.read(plan, r -> sam.accept(trimmer.apply(r)));
                out.flush();
                return n;
            }
            if (!bodyOnly) {
                out.write(dataset.headerBlocks());
            }
            long n;
            if (trimmer.isIdentity()) {
                n = new BamBlockStreamer(dataset, readAheadBytes, fetchPool).write(plan, out);
            } else {
                BamWriter writer = BamWriter.recordsOnly(out);
                n = reader.read(plan, r -> writer.write(trimmer.apply(r)));
                writer.close();
            }
            if (!bodyOnly) {
                out.write(BgzfBlockCodec.EOF_BLOCK);
            }
            out.flush();
            return n;
        }
    }

    private Dataset open(String id) {
        try {
            return catalog.open(id);
        } catch (DatasetNotFoundException | LocationNotFoundException e) {
            // the exception names the storage location; the client learns only the id
            throw new HtsgetException(HtsgetError.NOT_FOUND, "no dataset with id '" + id + "'", e);
        }
    }

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

    /**
     * The data URLs of a streamed ticket: the merged regions in file order, split over as many
     * URLs as it takes to keep each under {@link #DATA_URL_BUDGET}. A URL that continues a
     * reference the previous one ended on carries {@code startAt}, the end of the previous
     * URL's last region: a record that starts before it also overlaps that region, so the
     * previous URL has it, and every record comes once.
     */
    private List<String> dataUrls(String endpoint, HtsgetRequest request, Selection selection) {
        String filters = filterParameters(request);
        List<String> urls = new ArrayList<>();
        StringBuilder q = new StringBuilder("class=body");
        String startAt = null;
        int inUrl = 0;
        Region previous = null;
        for (Region r : QueryPlanner.merge(selection.regions())) {
            String param = "&region=" + encode(r.isUnplaced() ? "*" : r.refName() + ":" + r.beg() + "-" + r.end());
            if (inUrl > 0
                    && q.length()
                                    + param.length()
                                    + filters.length()
                                    + encodePath(request.id()).length()
                            > DATA_URL_BUDGET - SIGNATURE_ALLOWANCE) {
                urls.add(dataUrl(endpoint, request.id(), q + filters));
                startAt =
                        previous.isUnplaced() ? null : "&startAt=" + encode(previous.refName() + ":" + previous.end());
                q = new StringBuilder("class=body");
                inUrl = 0;
            }
            if (inUrl == 0 && startAt != null && previous.refIndex() == r.refIndex()) {
                q.append(startAt);
            }
            q.append(param);
            inUrl++;
            previous = r;
        }
        urls.add(dataUrl(endpoint, request.id(), q + filters));
        return urls;
    }

    private static String filterParameters(HtsgetRequest request) {
        StringBuilder q = new StringBuilder();
        if (!request.unfiltered()) {
            if (request.fields().size() != SamField.values().length) {
                q.append("&fields=")
                        .append(encode(request.fields().stream().map(Enum::name).collect(Collectors.joining(","))));
            }
            if (request.keepTags() != null) {
                q.append("&tags=").append(encode(String.join(",", request.keepTags())));
            }
            if (!request.dropTags().isEmpty()) {
                q.append("&notags=").append(encode(String.join(",", request.dropTags())));
            }
        }
        return q.toString();
    }

    private String dataUrl(String endpoint, String id, String query) {
        String path = encodePath(id) + "?" + query;
        if (settings.signer() != null) {
            path = settings.signer().sign(path);
        }
        return endpoint + "/" + path;
    }

    static String encodePath(String id) {
        return Arrays.stream(id.split("/", -1)).map(ReadsService::encode).collect(Collectors.joining("/"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Ticket.Url inline(byte[] data, String dataClass) {
        return new Ticket.Url(DATA_PREFIX + Base64.getEncoder().encodeToString(data), null, dataClass);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

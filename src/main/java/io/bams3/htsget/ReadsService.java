package io.bams3.htsget;

import io.bams3.catalog.DatasetCatalog;
import io.bams3.format.BamWriter;
import io.bams3.format.BgzfBlockCodec;
import io.bams3.format.ByteRange;
import io.bams3.format.Codec;
import io.bams3.format.RecordTrimmer;
import io.bams3.query.BamBlockStreamer;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordConsumer;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
     * @param readAheadBytes bytes of chunk ranges one stream may fetch ahead and buffer
     * @param signer signs data endpoint URLs, or null to leave them unsigned
     */
    public record Settings(TicketMode mode, Duration presignExpiry, long readAheadBytes, DataUrlSigner signer) { }

    private final DatasetCatalog catalog;
    private final Settings settings;

    public ReadsService(DatasetCatalog catalog, Settings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    public Settings settings() { return settings; }

    /** Whether field and tag filters take effect (not in presigned mode, which serves stored bytes). */
    public boolean filtersEffective() { return settings.mode() != TicketMode.PRESIGNED; }

    /** A ticket; {@code dataEndpoint} is the absolute URL of the data endpoint, without a trailing '/'. */
    public Answer<Ticket> ticket(HtsgetRequest request, String dataEndpoint) {
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
                urls.add(new Ticket.Url(dataUrl(dataEndpoint, request, selection), Map.of(), "body"));
                mode = Mode.STREAMED;
            }
        }
        urls.add(inline(BgzfBlockCodec.EOF_BLOCK, "body"));
        return new Answer<>(new Ticket("BAM", urls), mode);
    }

    /** How a ticket's records are delivered. */
    public enum Mode { INLINE, STREAMED, PRESIGNED }

    /** A result with the delivery mode (for metrics). */
    public record Answer<T>(T value, Mode mode) { }

    /**
     * Prepares a data endpoint response: checks the signature (if URLs are signed), the id, the
     * parameters and the regions, and plans the reads; nothing is written yet.
     * {@code encodedPath} is the request path below the data endpoint as sent (percent-encoded).
     */
    public DataStream data(String id, Map<String, List<String>> params, String encodedPath, String rawQuery) {
        if (settings.signer() != null) {
            settings.signer().verify(encodedPath, rawQuery);
        }
        RequestParser.ParsedData parsed = RequestParser.parseData(id, params);
        HtsgetRequest request = parsed.request();
        Dataset ds = open(id);
        List<ChunkRead> plan = request.headerOnly() ? List.of() : select(ds, request).plan();
        return new DataStream(ds, request, parsed.bodyOnly(), plan, settings.readAheadBytes());
    }

    /** A planned data response, written by {@link #writeTo}. */
    public static final class DataStream {
        private final Dataset dataset;
        private final HtsgetRequest request;
        private final boolean bodyOnly;
        private final List<ChunkRead> plan;
        private final long readAheadBytes;

        public DataStream(Dataset dataset, HtsgetRequest request, boolean bodyOnly, List<ChunkRead> plan, long readAheadBytes) {
            this.dataset = dataset;
            this.request = request;
            this.bodyOnly = bodyOnly;
            this.plan = plan;
            this.readAheadBytes = readAheadBytes;
        }

        public DataFormat format() { return request.format(); }

        public String contentType() {
            return request.format() == DataFormat.SAM ? "text/plain;charset=UTF-8" : "application/octet-stream";
        }

        /** Streams the response; returns the number of records written. A failure leaves it unfinished. */
        public long writeTo(OutputStream out) throws IOException {
            RecordTrimmer trimmer = new RecordTrimmer(request.fields(), request.keepTags(), request.dropTags());
            RecordReader reader = new RecordReader(dataset, readAheadBytes);
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
                n = new BamBlockStreamer(dataset, readAheadBytes).write(plan, out);
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
        return catalog.open(id);
    }

    private record Selection(List<Region> regions, List<ChunkRead> plan) { }

    private static Selection select(Dataset ds, HtsgetRequest request) {
        QueryPlanner planner = new QueryPlanner(ds);
        if (request.regions().isEmpty()) {
            return new Selection(List.of(), planner.everything());
        }
        List<Region> regions = new RegionResolver(ds.header(), request.id()).resolve(request.regions());
        return new Selection(regions, regions.isEmpty() ? List.of() : planner.plan(regions));
    }

    /**
     * Presigned ranged URLs, one per chunk object spanning the ranges the plan reads from it, or
     * null when this request is streamed instead.
     */
    private List<Ticket.Url> presign(Dataset ds, HtsgetRequest request, List<ChunkRead> plan) {
        if (settings.mode() == TicketMode.STREAMED || ds.codec() != Codec.BGZF
                || (settings.mode() == TicketMode.AUTO && !request.unfiltered())) {
            return null;
        }
        List<Ticket.Url> urls = new ArrayList<>();
        int i = 0;
        while (i < plan.size()) {
            String key = plan.get(i).key();
            long from = plan.get(i).range().from();
            long to = plan.get(i).range().to();
            int j = i + 1;
            while (j < plan.size() && plan.get(j).key().equals(key)) {
                from = Math.min(from, plan.get(j).range().from());
                to = Math.max(to, plan.get(j).range().to());
                j++;
            }
            ByteRange span = new ByteRange(from, to);
            Optional<URI> url = ds.store().presign(key, span, settings.presignExpiry());
            if (url.isEmpty()) {
                return null;
            }
            urls.add(new Ticket.Url(url.get().toString(), Map.of("Range", span.httpHeader()), "body"));
            i = j;
        }
        return urls;
    }

    private String dataUrl(String endpoint, HtsgetRequest request, Selection selection) {
        StringBuilder q = new StringBuilder("class=body");
        for (Region r : selection.regions()) {
            q.append("&region=").append(encode(r.isUnplaced() ? "*" : r.refName() + ":" + r.beg() + "-" + r.end()));
        }
        if (!request.unfiltered()) {
            if (request.fields().size() != io.bams3.format.SamField.values().length) {
                q.append("&fields=").append(encode(request.fields().stream().map(Enum::name).collect(Collectors.joining(","))));
            }
            if (request.keepTags() != null) {
                q.append("&tags=").append(encode(String.join(",", request.keepTags())));
            }
            if (!request.dropTags().isEmpty()) {
                q.append("&notags=").append(encode(String.join(",", request.dropTags())));
            }
        }
        String path = encodePath(request.id()) + "?" + q;
        if (settings.signer() != null) {
            path = settings.signer().sign(path);
        }
        return endpoint + "/" + path;
    }

    static String encodePath(String id) {
        return java.util.Arrays.stream(id.split("/", -1)).map(ReadsService::encode).collect(Collectors.joining("/"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Ticket.Url inline(byte[] data, String dataClass) {
        return new Ticket.Url(DATA_PREFIX + Base64.getEncoder().encodeToString(data), null, dataClass);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.bams3.htsget;

import io.bams3.codec.BgzfBlockCodec;
import io.bams3.cohort.Cohort;
import io.bams3.cohort.CohortReader;
import io.bams3.query.ChunkRead;
import io.bams3.query.FetchPool;
import io.bams3.query.Region;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Tickets and data streams of a cohort (its samples already selected): the merged header inline,
 * then data endpoint URLs for the merged records, then EOF. Presigned store URLs cannot merge
 * members, so a cohort is always streamed, whatever the ticket mode. One cohort stream buffers at
 * most {@code bufferBytes} of fetched ranges for all its members, and fetches on the shared pool.
 */
final class CohortReads {
    private final DataUrls dataUrls;
    private final long bufferBytes;
    private final FetchPool pool;

    CohortReads(DataUrls dataUrls, long bufferBytes, FetchPool pool) {
        this.dataUrls = dataUrls;
        this.bufferBytes = bufferBytes;
        this.pool = pool;
    }

    ReadsService.Answer<Ticket> ticket(Cohort cohort, HtsgetRequest request, String dataEndpoint) {
        List<Ticket.Url> urls = new ArrayList<>();
        if (request.headerOnly()) {
            urls.add(ReadsService.inline(
                    ReadsService.concat(cohort.headerBlocks(), BgzfBlockCodec.EOF_BLOCK), "header"));
            return new ReadsService.Answer<>(new Ticket("BAM", urls), ReadsService.Mode.INLINE);
        }
        urls.add(ReadsService.inline(cohort.headerBlocks(), "header"));
        List<Region> regions = regions(cohort, request);
        ReadsService.Mode mode = ReadsService.Mode.INLINE;
        if (regions != null) {
            for (String url : dataUrls.of(dataEndpoint, request, regions)) {
                urls.add(new Ticket.Url(url, Map.of(), "body"));
            }
            mode = ReadsService.Mode.STREAMED;
        }
        urls.add(ReadsService.inline(BgzfBlockCodec.EOF_BLOCK, "body"));
        return new ReadsService.Answer<>(new Ticket("BAM", urls), mode);
    }

    ReadsService.DataStream data(Cohort cohort, RequestParser.ParsedData parsed) {
        HtsgetRequest request = parsed.request();
        List<List<ChunkRead>> plans;
        List<Region> regions = request.headerOnly() ? null : regions(cohort, request);
        if (regions == null) {
            plans = Collections.nCopies(cohort.members().size(), List.of());
        } else {
            plans = cohort.plan(regions, pool);
            if (parsed.startAt() != null) {
                plans = plans.stream()
                        .map(p -> ReadsService.startAt(cohort.header(), p, parsed.startAt()))
                        .toList();
            }
        }
        List<List<ChunkRead>> planned = plans;
        return new ReadsService.DataStream(
                cohort.header(),
                cohort.headerBlocks(),
                request,
                parsed.bodyOnly(),
                c -> new CohortReader(cohort, bufferBytes, pool).read(planned, c),
                null);
    }

    /**
     * The regions to read (0-based, half-open; empty: every record), or null when the request
     * names regions and none of them holds a base.
     */
    private static List<Region> regions(Cohort cohort, HtsgetRequest request) {
        if (request.regions().isEmpty()) {
            return List.of();
        }
        List<Region> regions = new RegionResolver(cohort.header(), request.id()).resolve(request.regions());
        return regions.isEmpty() ? null : regions;
    }
}

package io.bams3.htsget;

import io.bams3.codec.SamField;
import io.bams3.query.QueryPlanner;
import io.bams3.query.Region;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The data URLs of a streamed ticket, for a dataset or a cohort alike: the merged regions
 * (0-based, half-open) in file order, split over as many URLs as it takes to keep each under
 * {@link ReadsService#DATA_URL_BUDGET}. A URL that continues a reference the previous one ended
 * on carries {@code startAt}, the end of the previous URL's last region: a record that starts
 * before it also overlaps that region, so the previous URL has it, and every record comes once.
 * Filters and {@code samples} go into every URL; with a signer, each URL is signed.
 */
final class DataUrls {
    /** Room kept in a data URL's budget for the expiry and signature parameters. */
    private static final int SIGNATURE_ALLOWANCE = 128;

    private final DataUrlSigner signer;

    DataUrls(DataUrlSigner signer) {
        this.signer = signer;
    }

    List<String> of(String endpoint, HtsgetRequest request, List<Region> regions) {
        String filters = parameters(request);
        List<String> urls = new ArrayList<>();
        StringBuilder q = new StringBuilder("class=body");
        String startAt = null;
        int inUrl = 0;
        Region previous = null;
        for (Region r : QueryPlanner.merge(regions)) {
            String param = "&" + RequestParser.INTERVAL + "="
                    + encode(r.isUnplaced() ? "*" : r.refName() + ":" + r.beg() + "-" + r.end());
            if (inUrl > 0
                    && q.length()
                                    + param.length()
                                    + filters.length()
                                    + encodePath(request.id()).length()
                            > ReadsService.DATA_URL_BUDGET - SIGNATURE_ALLOWANCE) {
                urls.add(url(endpoint, request.id(), q + filters));
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
        urls.add(url(endpoint, request.id(), q + filters));
        return urls;
    }

    /** The field and tag filters (when any) and the samples (when given). */
    private static String parameters(HtsgetRequest request) {
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
        if (request.samples() != null) {
            q.append("&samples=").append(encode(String.join(",", request.samples())));
        }
        return q.toString();
    }

    private String url(String endpoint, String id, String query) {
        String path = encodePath(id) + "?" + query;
        if (signer != null) {
            path = signer.sign(path);
        }
        return endpoint + "/" + path;
    }

    static String encodePath(String id) {
        return Arrays.stream(id.split("/", -1)).map(DataUrls::encode).collect(Collectors.joining("/"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

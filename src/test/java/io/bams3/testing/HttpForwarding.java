package io.bams3.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the loopback proxies of the tests and benchmarks share when they forward one exchange to
 * an upstream server: the end-to-end headers both ways (hop-by-hop ones stay behind), and the
 * response head, a HEAD request being answered without a body.
 */
public final class HttpForwarding {
    private static final Set<String> HOP_HEADERS = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "transfer-encoding",
            "upgrade",
            "keep-alive",
            "te",
            "trailer",
            "proxy-connection");

    private HttpForwarding() {}

    /**
     * Forwards the client's request (method, path and query, end-to-end headers, body) to
     * {@code target} and returns the upstream response, its body not yet read.
     */
    public static HttpResponse<InputStream> send(HttpExchange ex, HttpClient upstream, URI target, Duration timeout)
            throws IOException, InterruptedException {
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder req = HttpRequest.newBuilder(
                        target.resolve(ex.getRequestURI().toString()))
                .timeout(timeout)
                .method(
                        ex.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        copyRequestHeaders(ex, req);
        return upstream.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The client's end-to-end request headers, onto the upstream request. */
    public static void copyRequestHeaders(HttpExchange ex, HttpRequest.Builder req) {
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            if (!HOP_HEADERS.contains(h.getKey().toLowerCase())) {
                for (String v : h.getValue()) {
                    req.header(h.getKey(), v);
                }
            }
        }
    }

    /**
     * Sends the upstream response's status and end-to-end headers to the client. Returns the body
     * length the upstream announced (-1 if it did not), or empty for a HEAD request, which is then
     * complete.
     */
    public static OptionalLong sendResponseHead(HttpExchange ex, HttpResponse<?> resp) throws IOException {
        resp.headers().map().forEach((k, vs) -> {
            if (!HOP_HEADERS.contains(k.toLowerCase()) && !k.startsWith(":")) {
                vs.forEach(v -> ex.getResponseHeaders().add(k, v));
            }
        });
        long length = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (ex.getRequestMethod().equals("HEAD")) {
            if (length >= 0) {
                ex.getResponseHeaders().set("Content-Length", String.valueOf(length));
            }
            ex.sendResponseHeaders(resp.statusCode(), -1);
            return OptionalLong.empty();
        }
        ex.sendResponseHeaders(resp.statusCode(), length == 0 ? -1 : Math.max(length, 0));
        return OptionalLong.of(length);
    }
}

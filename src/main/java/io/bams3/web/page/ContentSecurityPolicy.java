package io.bams3.web.page;

import io.bams3.htsget.TicketMode;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Content-Security-Policy of the pages: scripts only from this server (no inline script, no
 * eval); inline styles allowed because igv.js sets them and injects a style element; images from
 * the server and data:/blob: URLs (igv.js draws icons and exports from them); fetches to this
 * server, plus the origins data URLs of tickets may name: the public base URL when one is set,
 * and in presigned or auto ticket mode the store's presign endpoint (or its endpoint, or AWS S3
 * when neither is set), with its virtual-host subdomains.
 */
record ContentSecurityPolicy(String value) {

    static ContentSecurityPolicy of(TicketMode mode, URI publicBaseUrl, URI presignEndpoint, URI s3Endpoint) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        if (publicBaseUrl != null) {
            addOrigin(connect, publicBaseUrl, false);
        }
        if (mode != TicketMode.STREAMED) {
            URI store = presignEndpoint != null ? presignEndpoint : s3Endpoint;
            if (store != null) {
                addOrigin(connect, store, true);
            } else {
                connect.add("https://*.amazonaws.com");
            }
        }
        return new ContentSecurityPolicy("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:;"
                + " connect-src " + String.join(" ", connect) + "; object-src 'none'; base-uri 'self';"
                + " form-action 'self'; frame-ancestors 'self'");
    }

    private static void addOrigin(Set<String> sources, URI uri, boolean withSubdomains) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null) {
            return;
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        sources.add(scheme + "://" + host + port);
        boolean named = !host.startsWith("[") && host.chars().anyMatch(Character::isLetter);
        if (withSubdomains && named) {
            sources.add(scheme + "://*." + host + port);
        }
    }
}

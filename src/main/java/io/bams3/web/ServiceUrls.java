package io.bams3.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The URL clients reach this service at: the configured public base URL, or the request's own
 * (with X-Forwarded-* applied by the forwarded-header filter when behind a load balancer).
 */
@Component
class ServiceUrls {
    private final Bams3Properties props;

    ServiceUrls(Bams3Properties props) {
        this.props = props;
    }

    /** Base URL without a trailing '/'. */
    String base(HttpServletRequest request) {
        if (props.tickets().publicBaseUrl() != null) {
            String b = props.tickets().publicBaseUrl().toString();
            return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        }
        return ServletUriComponentsBuilder.fromContextPath(request)
                .replaceQuery(null)
                .build()
                .toUriString();
    }
}

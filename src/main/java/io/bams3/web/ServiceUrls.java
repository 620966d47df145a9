package io.bams3.web;

import io.bams3.htsget.HtsgetError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The URL clients reach this service at: the configured public base URL, or the request's own.
 * Forwarded headers (X-Forwarded-Host, -Proto, -Port, -For) have been applied to the request by
 * Tomcat only if they came from a configured proxy ({@code server.tomcat.remoteip.internal-proxies}
 * or {@code trusted-proxies}; none by default); RFC 7239 {@code Forwarded} and
 * {@code X-Forwarded-Prefix} never are. Whatever the source, the scheme must be http or https and
 * the host a host name, an IPv4 address or a bracketed IPv6 address, so that no header can put
 * anything else into a ticket URL.
 */
@Component
class ServiceUrls {
    private static final String LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
    private static final Pattern HOST = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*|\\[[0-9A-Fa-f:.]+]");

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
        String scheme = request.getScheme() == null ? "" : request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getServerName() == null ? "" : request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 address, as a URL writes it
        }
        int port = request.getServerPort();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw HtsgetError.INVALID_INPUT.exception("the request's scheme is neither http nor https");
        }
        if (host.length() > 253 || !HOST.matcher(host).matches()) {
            throw HtsgetError.INVALID_INPUT.exception("the request's host is not a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw HtsgetError.INVALID_INPUT.exception("the request's port is not a port number");
        }
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}

package io.bams3.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One structured log line per reads request (method, path, query, status, milliseconds, and the
 * token's subject when tickets need one, for an audit of who asked for which data). Signatures are
 * redacted, no header (Authorization, cookies) is logged, and the subject is logged with control
 * characters replaced.
 */
@Component
class RequestLogFilter extends OncePerRequestFilter {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.bams3.web.access");
    /** The request attribute that holds the caller's subject once its token is accepted. */
    static final String SUBJECT = RequestLogFilter.class.getName() + ".subject";

    private static final int MAX_SUBJECT = 200;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/reads") || !ACCESS.isInfoEnabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String query = redact(request.getQueryString());
            long ms = (System.nanoTime() - started) / 1_000_000;
            String subject = request.getAttribute(SUBJECT) instanceof String s ? printable(s) : "";
            ACCESS.atInfo()
                    .setMessage("{} {}{} status={} ms={}{}")
                    .addArgument(request.getMethod())
                    .addArgument(request.getRequestURI())
                    .addArgument(query.isEmpty() ? "" : "?" + query)
                    .addArgument(response.getStatus())
                    .addArgument(ms)
                    .addArgument(subject.isEmpty() ? "" : " sub=" + subject)
                    .addKeyValue("subject", subject)
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("path", request.getRequestURI())
                    .addKeyValue("query", query)
                    .addKeyValue("status", response.getStatus())
                    .addKeyValue("ms", ms)
                    .addKeyValue("remote", request.getRemoteAddr())
                    .log();
        }
    }

    /** At most {@value #MAX_SUBJECT} characters, control and non-ASCII ones as '?'. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_SUBJECT));
        for (int i = 0; i < s.length() && i < MAX_SUBJECT; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return out.toString();
    }

    static String redact(String query) {
        if (query == null) {
            return "";
        }
        return query.replaceAll(
                "(^|&)(signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=[^&]*", "$1$2=REDACTED");
    }
}

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
 * One structured log line per reads request (method, path, query, status, milliseconds). Signatures
 * are redacted, and no header (Authorization, cookies) is logged.
 */
@Component
class RequestLogFilter extends OncePerRequestFilter {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.bams3.web.access");

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
            ACCESS.atInfo()
                    .setMessage("{} {}{} status={} ms={}")
                    .addArgument(request.getMethod())
                    .addArgument(request.getRequestURI())
                    .addArgument(query.isEmpty() ? "" : "?" + query)
                    .addArgument(response.getStatus())
                    .addArgument(ms)
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("path", request.getRequestURI())
                    .addKeyValue("query", query)
                    .addKeyValue("status", response.getStatus())
                    .addKeyValue("ms", ms)
                    .addKeyValue("remote", request.getRemoteAddr())
                    .log();
        }
    }

    static String redact(String query) {
        if (query == null) {
            return "";
        }
        return query.replaceAll(
                "(^|&)(signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=[^&]*", "$1$2=REDACTED");
    }
}

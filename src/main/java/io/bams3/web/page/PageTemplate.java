package io.bams3.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An HTML page of the classpath whose only substitution is {@code {{base}}}: the relative path
 * from the page's URL back to the server's root ({@code ./}, {@code ../}, ...). No data ever goes
 * into the HTML; the page's scripts fetch it and insert it with DOM APIs. Relative URLs keep the
 * page working under a path prefix added by a proxy.
 */
final class PageTemplate {
    private final String html;

    private PageTemplate(String html) {
        this.html = html;
    }

    static PageTemplate load(String resource) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + resource);
            }
            return new PageTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page for a request path (below the context path): {@code /view/a/b} gets {@code ../../}. */
    byte[] render(String path) {
        long depth = path.chars().filter(c -> c == '/').count() - 1;
        String base = depth <= 0 ? "./" : "../".repeat((int) depth);
        return html.replace("{{base}}", base).getBytes(StandardCharsets.UTF_8);
    }
}

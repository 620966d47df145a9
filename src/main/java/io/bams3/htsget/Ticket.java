package io.bams3.htsget;

import java.util.List;
import java.util.Map;

/**
 * An htsget ticket: the blocks whose concatenation is the answer, in order. Inline blocks are
 * {@code data:;base64,} URIs; http(s) blocks carry the headers the client must send.
 */
public record Ticket(String format, List<Url> urls) {

    public Ticket {
        urls = List.copyOf(urls);
    }

    /**
     * One block. {@code headers} is null for inline data (and never null for http(s): some
     * clients fail without the object); {@code dataClass} is "header", "body" or null.
     */
    public record Url(String url, Map<String, String> headers, String dataClass) {
        public boolean inline() {
            return url.startsWith("data:");
        }
    }
}

package io.bams3.htsget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the protocol speaks: tickets, errors and service-info, with their media types.
 * Tickets and errors have {@code htsget} as their only top-level key.
 */
public final class HtsgetJson {
    /** Media type of tickets and errors. */
    public static final String MEDIA_TYPE = "application/vnd.ga4gh.htsget.v1.3.0+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HtsgetJson() {}

    public static byte[] ticket(Ticket ticket) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("htsget");
        body.put("format", ticket.format());
        var urls = body.putArray("urls");
        for (Ticket.Url u : ticket.urls()) {
            ObjectNode n = urls.addObject();
            n.put("url", u.url());
            if (u.headers() != null) {
                ObjectNode h = n.putObject("headers");
                u.headers().forEach(h::put);
            }
            if (u.dataClass() != null) {
                n.put("class", u.dataClass());
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    public static byte[] error(HtsgetError error, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("htsget");
        body.put("error", error.wireName());
        body.put("message", message);
        return JSON.writeValueAsBytes(root);
    }

    /** Parses a ticket (for clients and tests). */
    public static Ticket parseTicket(byte[] json) {
        var root = JSON.readTree(json).get("htsget");
        List<Ticket.Url> urls = new ArrayList<>();
        for (var u : root.get("urls")) {
            Map<String, String> headers = null;
            if (u.has("headers")) {
                headers = new LinkedHashMap<>();
                for (var e : u.get("headers").properties()) {
                    headers.put(e.getKey(), e.getValue().stringValue());
                }
            }
            urls.add(new Ticket.Url(
                    u.get("url").stringValue(),
                    headers,
                    u.has("class") ? u.get("class").stringValue() : null));
        }
        return new Ticket(root.get("format").stringValue(), urls);
    }
}

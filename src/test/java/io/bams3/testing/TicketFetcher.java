package io.bams3.testing;

import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

/** Follows a ticket the way a client does: decodes inline blocks, GETs the others with their headers, concatenates. */
public final class TicketFetcher {
    private TicketFetcher() {}

    public static byte[] fetch(byte[] ticketJson) {
        return fetch(HtsgetJson.parseTicket(ticketJson));
    }

    public static byte[] fetch(Ticket ticket) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Ticket.Url u : ticket.urls()) {
            if (u.inline()) {
                out.writeBytes(
                        Base64.getDecoder().decode(u.url().substring(u.url().indexOf(',') + 1)));
                continue;
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(u.url())).GET();
            u.headers().forEach(request::header);
            HttpResponse<byte[]> response = TestServer.send(request);
            int expected = u.headers().containsKey("Range") ? 206 : 200;
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        "GET " + u.url() + " -> " + response.statusCode() + ": " + new String(response.body()));
            }
            out.writeBytes(response.body());
        }
        return out.toByteArray();
    }
}

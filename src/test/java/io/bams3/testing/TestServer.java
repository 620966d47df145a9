package io.bams3.testing;

import io.bams3.web.Bams3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The htsget server started in-process on a free port with the given settings; closed after the tests. */
public final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ConfigurableApplicationContext context;
    private final String base;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /**
     * Starts a server with {@code bams3.*} (or any Spring Boot) settings; the demo dataset and the
     * warm-up before readiness (ServerWarmupTest covers it) are off unless set.
     */
    public static TestServer start(Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        if (!settings.containsKey("bams3.demo.enabled")) {
            args.add("--bams3.demo.enabled=false");
        }
        if (!settings.containsKey("bams3.warmup.enabled")) {
            args.add("--bams3.warmup.enabled=false");
        }
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new TestServer(Bams3Server.start(args.toArray(String[]::new)));
    }

    /** Base URL without a trailing '/'. */
    public String base() {
        return base;
    }

    public String port() {
        return base.substring(base.lastIndexOf(':') + 1);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET(), headers);
    }

    public HttpResponse<byte[]> post(String pathAndQuery, String body, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body)),
                headers);
    }

    public HttpResponse<byte[]> send(String method, String pathAndQuery, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .method(method, HttpRequest.BodyPublishers.noBody()),
                headers);
    }

    public static HttpResponse<byte[]> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request line as given (for targets java.net.http refuses, such as bad escapes) and
     * returns the status and body; the body is read to the end (Connection: close).
     */
    public RawResponse raw(String method, String target) {
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(port()))) {
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            String body = response.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status, header block and body of a raw exchange. */
    public record RawResponse(int status, String head, String body) {}

    @Override
    public void close() {
        context.close();
    }
}

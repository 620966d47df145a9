package io.bams3.web.page;

import io.bams3.htsget.HtsgetError;
import io.bams3.htsget.HtsgetException;
import io.bams3.store.ByteRange;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A reference file behind an http(s) URL: sized by HEAD ({@code Content-Length}), read by GET with
 * a {@code Range} header. A server that ignores the range (200) is read past the bytes before it;
 * either way exactly the range's bytes come out, and fewer is an error.
 */
record HttpReferenceFile(HttpClient http, URI uri) implements ReferenceFile {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public long size() {
        HttpResponse<Void> r = send(
                HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        check(r.statusCode(), 200);
        return r.headers()
                .firstValueAsLong("Content-Length")
                .orElseThrow(() -> HtsgetError.UNAVAILABLE.exception(
                        "the reference sequence's server did not give its size; try again later"));
    }

    @Override
    public InputStream open(ByteRange range) {
        HttpResponse<InputStream> r = send(
                HttpRequest.newBuilder(uri).GET().header("Range", range.httpHeader()),
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            if (r.statusCode() == 200) {
                r.body().skipNBytes(range.from());
            } else {
                check(r.statusCode(), 206);
            }
        } catch (IOException | RuntimeException e) {
            close(r.body());
            throw e instanceof HtsgetException h ? h : unavailable(e);
        }
        return new Exactly(r.body(), range.length());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), body);
        } catch (IOException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private static void check(int status, int expected) {
        if (status == 404 || status == 410) {
            throw HtsgetError.NOT_FOUND.exception(ReferenceCatalog.MISSING);
        }
        if (status != expected) {
            throw HtsgetError.UNAVAILABLE.exception(
                    "the reference sequence's server answered " + status + "; try again later");
        }
    }

    private static HtsgetException unavailable(Exception cause) {
        return new HtsgetException(
                HtsgetError.UNAVAILABLE, "the reference sequence's server did not answer; try again later", cause);
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }

    /** {@code length} bytes of {@code in}, then the end; an earlier end is an error. */
    private static final class Exactly extends FilterInputStream {
        private long left;

        Exactly(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the reference sequence ended " + left + " bytes early");
            }
            left -= n;
            return n;
        }
    }
}

package io.bams3.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.FaultProxy;
import io.bams3.testing.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the aws-cli-style options put on the wire, seen by a recording proxy in front of S3Mock:
 * requester pays on every kind of request and in presigned URLs, server-side encryption on the
 * requests that create objects only, and no signature at all for anonymous access. (S3Mock
 * accepts any request, signed or not, so the proxy is what checks.)
 */
@ExtendWith(S3MockServer.class)
class S3RequestOptionsTest {
    private static final String PAYER = "x-amz-request-payer";
    private static final String SSE = "x-amz-server-side-encryption";
    private static final String SSE_KEY = "x-amz-server-side-encryption-aws-kms-key-id";
    private static final Set<String> ALL_KINDS = Set.of(
            "PutObject",
            "CreateMultipartUpload",
            "UploadPart",
            "CompleteMultipartUpload",
            "AbortMultipartUpload",
            "GetObject",
            "HeadObject",
            "ListObjectsV2",
            "ListMultipartUploads",
            "DeleteObjects");

    /** The S3 operation a request is, from its method and query. */
    static String kind(FaultProxy.Seen r) {
        String q = r.query();
        return switch (r.method()) {
            case "PUT" -> q.contains("partNumber=") ? "UploadPart" : "PutObject";
            case "POST" ->
                q.contains("uploads")
                        ? "CreateMultipartUpload"
                        : q.contains("uploadId=")
                                ? "CompleteMultipartUpload"
                                : q.contains("delete") ? "DeleteObjects" : "POST?" + q;
            case "DELETE" -> q.contains("uploadId=") ? "AbortMultipartUpload" : "DeleteObject";
            case "HEAD" -> "HeadObject";
            case "GET" ->
                q.contains("list-type=2")
                        ? "ListObjectsV2"
                        : q.contains("uploads") ? "ListMultipartUploads" : "GetObject";
            default -> r.method();
        };
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(ObjectStore store, String key, ByteRange range) {
        try (InputStream in = store.get(key, range)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request kind the store makes: small and multipart writes, an aborted upload, reads, lists, deletes. */
    private static void everyKindOfRequest(ObjectStore store) throws IOException {
        byte[] large = bytes(S3ObjectStore.PART_SIZE + 1000, 1);
        store.putBytes("d/small", bytes(100, 2));
        try (ObjectStore.ObjectWriter w = store.put("d/large")) {
            w.write(large);
        }
        ObjectStore.ObjectWriter aborted = store.put("d/aborted");
        aborted.write(large);
        aborted.abort();
        assertThat(store.getBytes("d/large")).isEqualTo(large);
        assertThat(read(store, "d/small", new ByteRange(10, 20))).hasSize(10);
        assertThat(store.head("d/small")).isPresent();
        assertThat(store.list("d/")).hasSize(2);
        assertThat(store.children("")).containsExactly("d/");
        store.deletePrefix("d/");
        assertThat(store.list("d/")).isEmpty();
    }

    @Test
    void requesterPaysIsOnEveryKindOfRequestAndOnlyWhenAsked() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("requester-pays");
        try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 1)) {
            S3Settings through = s3.settings().withEndpoint(proxy.endpoint());
            try (S3Clients clients = new S3Clients(through.withRequesterPays(true))) {
                everyKindOfRequest(new S3ObjectStore(clients, S3Location.parse("s3://" + bucket + "/p")));
            }
            List<FaultProxy.Seen> paying = proxy.seen();
            assertThat(paying.stream().map(S3RequestOptionsTest::kind).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(ALL_KINDS);
            assertThat(paying)
                    .allSatisfy(r -> assertThat(r.header(PAYER)).as(kind(r)).contains("requester"));

            proxy.resetCounts();
            try (S3Clients clients = new S3Clients(through)) {
                everyKindOfRequest(new S3ObjectStore(clients, S3Location.parse("s3://" + bucket + "/q")));
            }
            assertThat(proxy.seen())
                    .hasSizeGreaterThan(10)
                    .allSatisfy(r -> assertThat(r.header(PAYER)).isEmpty());
        }
    }

    @Test
    void encryptionIsAskedForOnPutObjectAndCreateMultipartUploadOnly() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("sse");
        try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 2)) {
            S3Settings through = s3.settings().withEndpoint(proxy.endpoint());
            try (S3Clients clients =
                    new S3Clients(through.withEncryption(new S3Encryption("AES256", Optional.empty())))) {
                everyKindOfRequest(new S3ObjectStore(clients, S3Location.parse("s3://" + bucket + "/aes")));
            }
            assertEncryptionHeaders(proxy.seen(), "AES256", null);

            proxy.resetCounts();
            String key = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab";
            try (S3Clients clients =
                    new S3Clients(through.withEncryption(new S3Encryption("aws:kms", Optional.of(key))))) {
                S3ObjectStore store = new S3ObjectStore(clients, S3Location.parse("s3://" + bucket + "/kms"));
                writeSmallAndLarge(store);
            }
            assertEncryptionHeaders(proxy.seen(), "aws:kms", key);
        }
    }

    /** One PutObject and one multipart upload (S3Mock may refuse an unknown KMS key: the headers are what counts). */
    private static void writeSmallAndLarge(ObjectStore store) throws IOException {
        try {
            store.putBytes("small", bytes(100, 3));
        } catch (StoreException refused) {
            // S3Mock checks KMS keys against its own list
        }
        try (ObjectStore.ObjectWriter w = store.put("large")) {
            w.write(bytes(S3ObjectStore.PART_SIZE + 1, 4));
        } catch (StoreException refused) {
            // as above
        }
    }

    private static void assertEncryptionHeaders(List<FaultProxy.Seen> seen, String algorithm, String key) {
        Set<String> kinds = new TreeSet<>();
        for (FaultProxy.Seen r : seen) {
            String kind = kind(r);
            kinds.add(kind);
            if (kind.equals("PutObject") || kind.equals("CreateMultipartUpload")) {
                assertThat(r.header(SSE)).as(kind).contains(algorithm);
                assertThat(r.header(SSE_KEY)).as(kind).isEqualTo(Optional.ofNullable(key));
            } else {
                assertThat(r.header(SSE)).as(kind).isEmpty();
                assertThat(r.header(SSE_KEY)).as(kind).isEmpty();
            }
        }
        assertThat(kinds).contains("PutObject", "CreateMultipartUpload");
    }

    @Test
    void anonymousAccessSendsNoSignatureAndReadsAPublicObject() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("open-data");
        byte[] data = bytes(5000, 5);
        new S3ObjectStore(s3.clients(), S3Location.parse("s3://" + bucket + "/public")).putBytes("obj", data);
        try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 3);
                S3Clients anonymous = new S3Clients(S3Settings.defaults()
                        .withEndpoint(proxy.endpoint())
                        .withRegion("us-east-1")
                        .withAnonymous(true))) {
            S3ObjectStore store = new S3ObjectStore(anonymous, S3Location.parse("s3://" + bucket + "/public"));
            assertThat(store.getBytes("obj")).isEqualTo(data);
            assertThat(read(store, "obj", new ByteRange(100, 300))).isEqualTo(Arrays.copyOfRange(data, 100, 300));
            assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("obj");
            assertThat(store.head("obj")).map(ObjectInfo::size).contains(5000L);

            assertThat(proxy.seen()).hasSize(4).allSatisfy(r -> {
                assertThat(r.header("authorization")).as(kind(r)).isEmpty();
                assertThat(r.header("x-amz-security-token")).as(kind(r)).isEmpty();
                assertThat(r.query()).as(kind(r)).doesNotContain("X-Amz-Signature");
            });

            // nothing to sign with: the "presigned" URL is the object's plain URL, which a public bucket serves
            URI url = store.presign("obj", new ByteRange(100, 300), Duration.ofMinutes(1))
                    .orElseThrow();
            assertThat(url.toString())
                    .isEqualTo(proxy.endpoint() + "/" + bucket + "/public/obj")
                    .doesNotContain("X-Amz-");
            assertThat(fetch(url, "bytes=100-299")).isEqualTo(Arrays.copyOfRange(data, 100, 300));
        }
    }

    @Test
    void aPresignedUrlForARequesterPaysBucketSignsThePayerAsAQueryParameter() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("presign-payer");
        byte[] data = bytes(3000, 6);
        try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 4);
                S3Clients clients = new S3Clients(
                        s3.settings().withEndpoint(proxy.endpoint()).withRequesterPays(true))) {
            S3ObjectStore store = new S3ObjectStore(clients, S3Location.parse("s3://" + bucket + "/x"));
            store.putBytes("obj", data);
            URI url = store.presign("obj", new ByteRange(0, 100), Duration.ofMinutes(1))
                    .orElseThrow();
            assertThat(url.getQuery()).contains("x-amz-request-payer=requester").contains("X-Amz-Signature=");
            // signed in the query, not as a header: a client sends only the Range header
            assertThat(url.getQuery()).containsPattern("X-Amz-SignedHeaders=host;range(&|$)");
            proxy.resetCounts();
            assertThat(fetch(url, "bytes=0-99")).isEqualTo(Arrays.copyOf(data, 100));
            assertThat(proxy.seen())
                    .singleElement()
                    .satisfies(r -> assertThat(r.query()).contains("x-amz-request-payer=requester"));
        }
    }

    private static byte[] fetch(URI url, String range) throws Exception {
        HttpResponse<byte[]> resp = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url).header("Range", range).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(resp.statusCode()).isEqualTo(206);
        return resp.body();
    }
}

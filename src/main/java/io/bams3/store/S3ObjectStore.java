package io.bams3.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.GetUrlRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The store port on S3 or an S3-compatible server (AWS SDK v2). Reads are ranged GETs that resume
 * after a mid-stream failure; writes are single PUTs, or multipart uploads (8 MiB parts sent in
 * parallel, see {@link S3Upload}) for large objects, aborted on failure. Retries, backoff and timeouts are the SDK's, configured by
 * {@link S3Clients}. Errors name the object ({@code s3://bucket/key}).
 */
public final class S3ObjectStore implements ObjectStore {
    static final int PART_SIZE = 8 << 20;
    private static final int MID_STREAM_RESUMES = 3;
    private static final String REQUEST_PAYER_PARAMETER = "x-amz-request-payer";

    private final S3Clients clients;
    private final S3Location root;
    private final StoreStats stats;

    /** A store on shared clients (closing the store leaves them open). */
    public S3ObjectStore(S3Clients clients, S3Location root) {
        this(clients, root, new StoreStats());
    }

    /** A store on shared clients that counts its requests into shared {@code stats}. */
    public S3ObjectStore(S3Clients clients, S3Location root, StoreStats stats) {
        this.clients = clients;
        this.root = root;
        this.stats = stats;
    }

    public S3Location root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    private S3Client s3() {
        return clients.client();
    }

    private String name(String key) {
        return "s3://" + root.bucket() + "/" + root.key(key);
    }

    @Override
    public int parallelism() {
        return clients.settings().parallelism();
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        String name = name(key);
        VersionPinnedReader reader = new VersionPinnedReader(key);
        try {
            if (range == null) {
                // one GET for the whole object (its errors also tell a missing bucket from a missing key)
                ResponseInputStream<GetObjectResponse> whole = reader.get(null);
                long size = whole.response().contentLength();
                return new ResumingInputStream(reader, name, guarded(whole, size), 0, size, MID_STREAM_RESUMES, stats);
            }
            return new ResumingInputStream(reader, name, null, range.from(), range.to(), MID_STREAM_RESUMES, stats);
        } catch (IOException e) {
            throw new StoreException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens byte ranges of one version of an object: the ETag of the first response pins the
     * ones that resume it ({@code If-Match}), so a read never joins two versions of a replaced
     * object; the store says {@link ObjectChangedException} instead.
     */
    private final class VersionPinnedReader implements ResumingInputStream.Opener {
        private final String key;
        private String etag;

        VersionPinnedReader(String key) {
            this.key = key;
        }

        @Override
        public InputStream open(long from, long to) {
            ResponseInputStream<GetObjectResponse> response = get("bytes=" + from + "-" + (to - 1));
            Long length = response.response().contentLength();
            if (length != null && length != to - from) {
                response.abort();
                throw new StoreException(
                        name(key) + " is shorter than expected: asked for bytes " + from + "-" + (to - 1) + ", got "
                                + length + " bytes (" + response.response().contentRange() + ")");
            }
            return guarded(response, to - from);
        }

        ResponseInputStream<GetObjectResponse> get(String range) {
            stats.addGetRequest();
            String pinned = etag;
            ResponseInputStream<GetObjectResponse> response = call(name(key), () -> {
                try {
                    return s3().getObject(GetObjectRequest.builder()
                            .bucket(root.bucket())
                            .key(root.key(key))
                            .range(range)
                            .ifMatch(pinned)
                            .requestPayer(clients.requestPayer())
                            .build());
                } catch (S3Exception e) {
                    if (pinned != null && (e.statusCode() == 412 || e.statusCode() == 416)) {
                        // the version is gone, or the range no longer fits it: a replacement
                        throw new ObjectChangedException(name(key) + " was replaced while it was being read");
                    }
                    throw e;
                }
            });
            if (pinned == null) {
                etag = response.response().eTag();
            }
            return response;
        }
    }

    /** Closes a fully read response normally (connection reused), aborts a partly read one. */
    private static InputStream guarded(ResponseInputStream<GetObjectResponse> response, long expected) {
        return new FilterInputStream(response) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) read += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                if (read >= expected) {
                    response.close();
                } else {
                    // drop the connection instead of draining an unread remainder
                    response.abort();
                }
            }
        };
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        stats.addOtherRequest();
        try {
            HeadObjectResponse r = call(
                    name(key),
                    () -> s3().headObject(b ->
                            b.bucket(root.bucket()).key(root.key(key)).requestPayer(clients.requestPayer())));
            return Optional.of(new ObjectInfo(key, r.contentLength(), r.lastModified()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public ObjectWriter put(String key) {
        return new S3Upload(new UploadTarget(), key);
    }

    @Override
    public List<String> children(String prefix) {
        return children(prefix, Integer.MAX_VALUE);
    }

    @Override
    public List<String> children(String prefix, int max) {
        int strip = root.prefix().isEmpty() ? 0 : root.prefix().length() + 1;
        return listPages(
                prefix,
                true,
                max,
                page -> page.commonPrefixes().stream().map(p -> p.prefix().substring(strip)));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        int strip = root.prefix().isEmpty() ? 0 : root.prefix().length() + 1;
        return listPages(
                prefix,
                false,
                Integer.MAX_VALUE,
                page -> page.contents().stream()
                        .map(o -> new ObjectInfo(o.key().substring(strip), o.size(), o.lastModified())));
    }

    /**
     * The pages of a ListObjectsV2 under {@code prefix} (with '/' as delimiter if asked), mapped,
     * until {@code max} items (pages are fetched one after another, only as needed).
     */
    private <T> List<T> listPages(
            String prefix, boolean delimited, int max, Function<ListObjectsV2Response, Stream<T>> items) {
        String full = root.key(prefix);
        return call(location() + "/" + prefix, () -> {
            List<T> out = new ArrayList<>();
            for (ListObjectsV2Response page : s3().listObjectsV2Paginator(b -> {
                b.bucket(root.bucket()).prefix(full).requestPayer(clients.requestPayer());
                if (delimited) {
                    b.delimiter("/");
                }
                if (max < 1000) {
                    b.maxKeys(Math.max(1, max));
                }
            })) {
                stats.addOtherRequest();
                items.apply(page).limit(max - out.size()).forEach(out::add);
                if (out.size() >= max) {
                    break;
                }
            }
            return out;
        });
    }

    @Override
    public void deletePrefix(String prefix) {
        List<ObjectInfo> objects = list(prefix);
        for (int i = 0; i < objects.size(); i += 1000) {
            List<ObjectIdentifier> batch = objects.subList(i, Math.min(objects.size(), i + 1000)).stream()
                    .map(o -> ObjectIdentifier.builder().key(root.key(o.key())).build())
                    .toList();
            stats.addOtherRequest();
            call(
                    location() + "/" + prefix,
                    () -> s3().deleteObjects(DeleteObjectsRequest.builder()
                            .bucket(root.bucket())
                            .delete(Delete.builder().objects(batch).quiet(true).build())
                            .requestPayer(clients.requestPayer())
                            .build()));
        }
        abortUploads(prefix);
    }

    /** Aborts multipart uploads left under the prefix by an interrupted writer. */
    private void abortUploads(String prefix) {
        String full = root.key(prefix);
        stats.addOtherRequest();
        ListMultipartUploadsResponse uploads = call(
                location(),
                () -> s3().listMultipartUploads(
                                b -> b.bucket(root.bucket()).prefix(full).requestPayer(clients.requestPayer())));
        for (MultipartUpload u : uploads.uploads()) {
            stats.addOtherRequest();
            call(
                    name(u.key()),
                    () -> s3().abortMultipartUpload(AbortMultipartUploadRequest.builder()
                            .bucket(root.bucket())
                            .key(u.key())
                            .uploadId(u.uploadId())
                            .requestPayer(clients.requestPayer())
                            .build()));
        }
    }

    /**
     * A presigned GET; with requester pays, {@code x-amz-request-payer=requester} is a signed query
     * parameter (S3 takes it there too), so clients need no header beyond the range. Anonymous
     * settings cannot sign: the URL is then the object's plain one (the bucket lets anyone read).
     */
    @Override
    public Optional<URI> presign(String key, ByteRange range, Duration expiry) {
        URL url;
        if (clients.settings().anonymous()) {
            url = clients.publicUrls()
                    .getUrl(GetUrlRequest.builder()
                            .bucket(root.bucket())
                            .key(root.key(key))
                            .build());
        } else {
            S3Presigner presigner = clients.presigner();
            url = presigner
                    .presignGetObject(p -> p.signatureDuration(expiry).getObjectRequest(g -> {
                        g.bucket(root.bucket()).key(root.key(key));
                        if (range != null) {
                            g.range(range.httpHeader());
                        }
                        if (clients.settings().requesterPays()) {
                            g.overrideConfiguration(o ->
                                    o.putRawQueryParameter(REQUEST_PAYER_PARAMETER, RequestPayer.REQUESTER.toString()));
                        }
                    }))
                    .url();
        }
        try {
            return Optional.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new StoreException("cannot presign " + name(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StoreStats stats() {
        return stats;
    }

    /** Runs an S3 call, turning SDK failures into store exceptions that name the object. */
    private <T> T call(String name, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException("no such object: " + name);
        } catch (NoSuchBucketException e) {
            throw new LocationNotFoundException("no such bucket: " + root.bucket() + " (for " + name + ")");
        } catch (S3Exception e) {
            int status = e.statusCode();
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (status == 404) {
                if ("NoSuchBucket".equals(code)) {
                    throw new LocationNotFoundException("no such bucket: " + root.bucket() + " (for " + name + ")");
                }
                throw new ObjectNotFoundException("no such object: " + name);
            }
            if (status == 403) {
                throw new StoreException(
                        "access denied to " + name + " (" + (code == null ? "403" : code)
                                + "; check the credentials and the bucket policy)",
                        e);
            }
            throw new StoreException(
                    "S3 request for " + name + " failed: HTTP " + status + (code == null ? "" : " " + code), e);
        } catch (SdkClientException e) {
            throw new StoreException("S3 request for " + name + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StoreException("S3 request for " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** What an {@link S3Upload} uses of this store. */
    private final class UploadTarget implements S3Upload.Target {
        @Override
        public S3Client s3() {
            return S3ObjectStore.this.s3();
        }

        @Override
        public String bucket() {
            return root.bucket();
        }

        @Override
        public String fullKey(String key) {
            return root.key(key);
        }

        @Override
        public String name(String key) {
            return S3ObjectStore.this.name(key);
        }

        @Override
        public StoreStats stats() {
            return stats;
        }

        @Override
        public PartUploadPool parts() {
            return clients.partUploads();
        }

        @Override
        public RequestPayer requestPayer() {
            return clients.requestPayer();
        }

        @Override
        public Optional<S3Encryption> encryption() {
            return clients.settings().encryption();
        }

        @Override
        public <T> T call(String name, Supplier<T> request) {
            return S3ObjectStore.this.call(name, request);
        }
    }
}

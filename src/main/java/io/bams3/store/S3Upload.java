package io.bams3.store;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * One object being written to S3: a single PUT if it ends within one part, else a multipart upload
 * whose parts ({@value S3ObjectStore#PART_SIZE} bytes, the last one shorter) are sent in parallel on
 * the clients' {@link PartUploadPool} while the writer goes on filling the next part. The object is
 * visible only after close; a failed part, an abort or a failure of close aborts the upload once
 * the parts still in flight have ended, so nothing is left behind.
 */
final class S3Upload extends ObjectStore.ObjectWriter {
    private static final int FIRST_BUFFER = 8192;

    /** What the upload needs of its store: the client, names, request accounting and error mapping. */
    interface Target {
        S3Client s3();

        String bucket();

        /** The object's full key in the bucket. */
        String fullKey(String key);

        /** The object's name in messages, {@code s3://bucket/key}. */
        String name(String key);

        StoreStats stats();

        PartUploadPool parts();

        /** {@code requester} on every request of the upload, or null. */
        RequestPayer requestPayer();

        /** The encryption PutObject and CreateMultipartUpload ask for (not the parts: S3 refuses it there). */
        Optional<S3Encryption> encryption();

        /** Runs an S3 call, turning SDK failures into store exceptions naming {@code name}. */
        <T> T call(String name, Supplier<T> request);
    }

    private final Target target;
    private final String key;
    /** The part being filled: small at first (most objects are), a whole part once one has been sent. */
    private byte[] part = new byte[FIRST_BUFFER];

    private int filled;
    private String uploadId;
    private final List<CompletableFuture<CompletedPart>> sent = new ArrayList<>();
    private boolean done;

    S3Upload(Target target, String key) {
        this.target = target;
        this.key = key;
    }

    @Override
    public void write(int b) {
        ensureOpen();
        makeRoom();
        part[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureOpen();
        while (len > 0) {
            makeRoom();
            int n = Math.min(len, part.length - filled);
            System.arraycopy(b, off, part, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Makes the buffer have room: grows it up to a whole part, or sends it when it is one. */
    private void makeRoom() {
        if (filled < part.length) {
            return;
        }
        if (part.length < S3ObjectStore.PART_SIZE) {
            part = Arrays.copyOf(part, Math.min(S3ObjectStore.PART_SIZE, part.length * 4));
        } else {
            sendPart();
        }
    }

    private void ensureOpen() {
        if (done) {
            throw new StoreException("write to a closed or aborted upload of " + target.name(key));
        }
    }

    /** Hands the full part buffer to the pool (starting the multipart upload first) and takes a new one. */
    private void sendPart() {
        try {
            failIfAPartFailed();
            if (uploadId == null) {
                target.stats().addOtherRequest();
                uploadId = target.call(
                                target.name(key),
                                () -> target.s3()
                                        .createMultipartUpload(CreateMultipartUploadRequest.builder()
                                                .bucket(target.bucket())
                                                .key(target.fullKey(key))
                                                .requestPayer(target.requestPayer())
                                                .serverSideEncryption(algorithm())
                                                .ssekmsKeyId(kmsKeyId())
                                                .build()))
                        .uploadId();
            }
            int number = sent.size() + 1;
            byte[] data = part;
            int length = filled;
            String id = uploadId;
            sent.add(target.parts().submit(() -> uploadPart(id, number, data, length)));
            part = new byte[S3ObjectStore.PART_SIZE];
            filled = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new StoreException("upload of " + target.name(key) + " interrupted", e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private CompletedPart uploadPart(String id, int number, byte[] data, int length) {
        target.stats().addOtherRequest();
        String etag = target.call(
                        target.name(key),
                        () -> target.s3()
                                .uploadPart(
                                        UploadPartRequest.builder()
                                                .bucket(target.bucket())
                                                .key(target.fullKey(key))
                                                .uploadId(id)
                                                .partNumber(number)
                                                .contentLength((long) length)
                                                .requestPayer(target.requestPayer())
                                                .build(),
                                        body(data, length)))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** The encryption algorithm to ask for, or null (the bucket's default). */
    private ServerSideEncryption algorithm() {
        return target.encryption()
                .map(e -> ServerSideEncryption.fromValue(e.algorithm()))
                .orElse(null);
    }

    private String kmsKeyId() {
        return target.encryption().flatMap(S3Encryption::kmsKeyId).orElse(null);
    }

    /** The first {@code length} bytes of {@code data}, without the copy {@code RequestBody.fromBytes} makes. */
    private static RequestBody body(byte[] data, int length) {
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(data, 0, length), length, "application/octet-stream");
    }

    /** Rethrows the failure of a part that has already ended, so a writer stops early. */
    private void failIfAPartFailed() {
        for (CompletableFuture<CompletedPart> f : sent) {
            if (f.isCompletedExceptionally()) {
                awaitPart(f);
            }
        }
    }

    private CompletedPart awaitPart(CompletableFuture<CompletedPart> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("upload of " + target.name(key) + " interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(
                    "cannot upload a part of " + target.name(key) + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        try {
            if (uploadId == null) {
                byte[] data = part;
                int length = filled;
                target.stats().addOtherRequest();
                target.call(
                        target.name(key),
                        () -> target.s3()
                                .putObject(
                                        b -> b.bucket(target.bucket())
                                                .key(target.fullKey(key))
                                                .contentLength((long) length)
                                                .requestPayer(target.requestPayer())
                                                .serverSideEncryption(algorithm())
                                                .ssekmsKeyId(kmsKeyId()),
                                        body(data, length)));
                done = true;
                part = null;
                return;
            }
            if (filled > 0) {
                sendPart();
            }
            List<CompletedPart> parts = new ArrayList<>(sent.size());
            for (CompletableFuture<CompletedPart> f : sent) {
                parts.add(awaitPart(f));
            }
            target.stats().addOtherRequest();
            target.call(
                    target.name(key),
                    () -> target.s3()
                            .completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                                    .bucket(target.bucket())
                                    .key(target.fullKey(key))
                                    .uploadId(uploadId)
                                    .multipartUpload(CompletedMultipartUpload.builder()
                                            .parts(parts)
                                            .build())
                                    .requestPayer(target.requestPayer())
                                    .build()));
            done = true;
            part = null;
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public void abort() {
        done = true;
        part = null;
        // parts still being sent end first (bounded by the client's timeouts): one sent after
        // the abort would otherwise outlive it
        for (CompletableFuture<CompletedPart> f : sent) {
            f.exceptionally(t -> null).join();
        }
        sent.clear();
        if (uploadId == null) {
            return;
        }
        String id = uploadId;
        uploadId = null;
        try {
            target.stats().addOtherRequest();
            target.s3()
                    .abortMultipartUpload(AbortMultipartUploadRequest.builder()
                            .bucket(target.bucket())
                            .key(target.fullKey(key))
                            .uploadId(id)
                            .requestPayer(target.requestPayer())
                            .build());
        } catch (SdkException ignored) {
            // deletePrefix aborts leftover uploads on the next attempt
        }
    }
}

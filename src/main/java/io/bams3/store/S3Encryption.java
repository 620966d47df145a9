package io.bams3.store;

import java.util.Optional;
import java.util.Set;

/**
 * Server-side encryption of the objects a store writes, as S3 and the aws-cli name it: {@code
 * AES256} (S3-managed keys), {@code aws:kms} or {@code aws:kms:dsse} (KMS keys; without a key id
 * the bucket's or account's default KMS key). Sent on PutObject and CreateMultipartUpload.
 *
 * @param algorithm the {@code x-amz-server-side-encryption} value
 * @param kmsKeyId  the {@code x-amz-server-side-encryption-aws-kms-key-id} value, KMS only
 */
public record S3Encryption(String algorithm, Optional<String> kmsKeyId) {
    /** The algorithms S3 accepts on a write, in the order messages list them. */
    public static final Set<String> ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    public S3Encryption {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException(
                    "unknown server-side encryption '" + algorithm + "': expected AES256, aws:kms or aws:kms:dsse");
        }
        if (kmsKeyId.isPresent() && !usesKms(algorithm)) {
            throw new IllegalArgumentException("a KMS key id needs aws:kms or aws:kms:dsse encryption");
        }
    }

    public static boolean usesKms(String algorithm) {
        return algorithm != null && algorithm.startsWith("aws:kms");
    }
}

package io.bams3.store;

/** {@code s3://bucket/prefix}: a bucket and a key prefix without leading or trailing '/'. */
public record S3Location(String bucket, String prefix) {

    public static boolean isS3(String uri) {
        return uri.startsWith("s3://");
    }

    public static S3Location parse(String uri) {
        if (!isS3(uri)) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + uri);
        }
        return new S3Location(bucket, prefix);
    }

    /** The full key of {@code key} under this location. */
    public String key(String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    public S3Location child(String name) {
        return new S3Location(bucket, key(name));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}

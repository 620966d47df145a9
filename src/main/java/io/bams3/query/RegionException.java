package io.bams3.query;

/** A region string that cannot be parsed or names a reference the dataset does not have. */
public class RegionException extends IllegalArgumentException {
    public RegionException(String message) {
        super(message);
    }
}

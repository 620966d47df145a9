package io.bams3.store;

/** The store location itself is missing (an S3 bucket that does not exist). */
public class LocationNotFoundException extends StoreException {
    public LocationNotFoundException(String message) {
        super(message);
    }
}

package io.bams3.query;

/** No dataset at the location (no metadata object): missing, or an unfinished conversion. */
public class DatasetNotFoundException extends RuntimeException {
    public DatasetNotFoundException(String message) {
        super(message);
    }
}

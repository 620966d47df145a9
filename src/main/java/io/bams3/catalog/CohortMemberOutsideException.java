package io.bams3.catalog;

/**
 * A cohort manifest names a member that lies inside none of the catalog's dataset roots: the
 * cohort is not served. The message names the sample, not the location (it is for the log).
 */
public final class CohortMemberOutsideException extends RuntimeException {
    public CohortMemberOutsideException(String message) {
        super(message);
    }
}

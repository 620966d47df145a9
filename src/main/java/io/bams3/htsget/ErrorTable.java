package io.bams3.htsget;

import io.bams3.catalog.CohortMemberOutsideException;
import io.bams3.catalog.InvalidIdException;
import io.bams3.codec.FormatException;
import io.bams3.cohort.UnknownSampleException;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.query.DatasetTooLargeException;
import io.bams3.store.LocationNotFoundException;
import io.bams3.store.StoreException;

/**
 * Which htsget error a failure is. Request problems are 4xx with the spec's names; a dataset that
 * cannot be read is InternalError (500); a store that fails is Unavailable (503, worth a retry).
 * Messages never carry stack traces or credentials, and failures of the data or the store get
 * fixed messages: theirs name storage locations (paths, buckets), which clients must not learn.
 * The original failure stays the cause, for the server's log.
 */
public final class ErrorTable {
    private ErrorTable() {}

    public static HtsgetException classify(Throwable failure) {
        if (failure instanceof HtsgetException h) {
            return h;
        }
        if (failure instanceof InvalidIdException e) {
            return new HtsgetException(HtsgetError.INVALID_INPUT, e.getMessage(), e);
        }
        if (failure instanceof UnknownSampleException e) {
            return new HtsgetException(HtsgetError.INVALID_INPUT, e.getMessage(), e);
        }
        if (failure instanceof CohortMemberOutsideException e) {
            return new HtsgetException(
                    HtsgetError.INTERNAL_ERROR,
                    "the cohort cannot be read: a member lies outside the server's dataset roots",
                    e);
        }
        if (failure instanceof DatasetNotFoundException || failure instanceof LocationNotFoundException) {
            return new HtsgetException(HtsgetError.NOT_FOUND, "no such dataset", failure);
        }
        if (failure instanceof DatasetTooLargeException e) {
            return new HtsgetException(HtsgetError.INTERNAL_ERROR, e.getMessage(), e);
        }
        if (failure instanceof FormatException e) {
            return new HtsgetException(
                    HtsgetError.INTERNAL_ERROR,
                    "the dataset cannot be read: its stored data is damaged or incomplete",
                    e);
        }
        if (failure instanceof StoreException e) {
            return new HtsgetException(HtsgetError.UNAVAILABLE, "the storage did not answer; try again later", e);
        }
        return new HtsgetException(
                HtsgetError.INTERNAL_ERROR,
                "internal error (" + failure.getClass().getSimpleName() + ")",
                failure);
    }
}

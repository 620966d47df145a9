package io.bams3.htsget;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.catalog.InvalidIdException;
import io.bams3.codec.FormatException;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.query.DatasetTooLargeException;
import io.bams3.store.LocationNotFoundException;
import io.bams3.store.StoreException;
import java.io.IOException;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ErrorTableTest {
    private static final String LOCATION = "s3://private-bucket/datasets/x/_metadata.json";

    @Test
    void anHtsgetExceptionIsItsOwnClassification() {
        HtsgetException h = HtsgetError.INVALID_RANGE.exception("start > end");
        assertThat(ErrorTable.classify(h)).isSameAs(h);
    }

    @Test
    void anInvalidIdIsInvalidInputWithItsMessage() {
        InvalidIdException e = new InvalidIdException("the id 'a//b' has an empty segment");
        HtsgetException h = ErrorTable.classify(e);
        assertThat(h.error()).isEqualTo(HtsgetError.INVALID_INPUT);
        assertThat(h.error().status()).isEqualTo(400);
        assertThat(h).hasMessage("the id 'a//b' has an empty segment").hasCause(e);
    }

    @Test
    void missingDatasetsAndLocationsAreNotFoundWithoutTheLocation() {
        for (RuntimeException e :
                new RuntimeException[] {new DatasetNotFoundException(LOCATION), new LocationNotFoundException(LOCATION)
                }) {
            HtsgetException h = ErrorTable.classify(e);
            assertThat(h.error()).isEqualTo(HtsgetError.NOT_FOUND);
            assertThat(h.error().status()).isEqualTo(404);
            assertThat(h).hasMessage("no such dataset").hasCause(e);
        }
    }

    @Test
    void damagedDataIsInternalErrorWithAFixedMessage() {
        FormatException e = new FormatException(LOCATION + ": bad magic number");
        HtsgetException h = ErrorTable.classify(e);
        assertThat(h.error()).isEqualTo(HtsgetError.INTERNAL_ERROR);
        assertThat(h.error().status()).isEqualTo(500);
        assertThat(h)
                .hasMessage("the dataset cannot be read: its stored data is damaged or incomplete")
                .hasCause(e);
    }

    @Test
    void aFailingStoreIsUnavailableWithAFixedMessage() {
        StoreException e = new StoreException(LOCATION + ": connection reset", new IOException("connection reset"));
        HtsgetException h = ErrorTable.classify(e);
        assertThat(h.error()).isEqualTo(HtsgetError.UNAVAILABLE);
        assertThat(h.error().status()).isEqualTo(503);
        assertThat(h).hasMessage("the storage did not answer; try again later").hasCause(e);
    }

    @Test
    void aDatasetTooLargeIsInternalErrorAndSaysWhy() {
        DatasetTooLargeException e = new DatasetTooLargeException("2000000 references");
        HtsgetException h = ErrorTable.classify(e);
        assertThat(h.error()).isEqualTo(HtsgetError.INTERNAL_ERROR);
        assertThat(h)
                .hasMessage("the dataset is too large to open: 2000000 references")
                .hasCause(e);
    }

    @Test
    void anythingElseIsInternalErrorNamingOnlyTheExceptionType() {
        IllegalStateException e = new IllegalStateException("opening " + LOCATION + " with key AKIAEXAMPLE");
        HtsgetException h = ErrorTable.classify(e);
        assertThat(h.error()).isEqualTo(HtsgetError.INTERNAL_ERROR);
        assertThat(h).hasMessage("internal error (IllegalStateException)").hasCause(e);
    }

    @Test
    void noServerSideMessageNamesTheStorageLocation() {
        RuntimeException[] failures = {
            new DatasetNotFoundException(LOCATION),
            new LocationNotFoundException(LOCATION),
            new FormatException(LOCATION),
            new StoreException(LOCATION),
            new RuntimeException(LOCATION)
        };
        for (RuntimeException e : failures) {
            assertThat(ErrorTable.classify(e).getMessage())
                    .doesNotContain("private-bucket")
                    .doesNotContain("s3://");
        }
    }

    @Test
    void wireNamesAndStatusesFollowTheSpec() {
        assertThat(HtsgetError.values())
                .extracting(HtsgetError::wireName, HtsgetError::status)
                .containsExactly(
                        Tuple.tuple("InvalidAuthentication", 401),
                        Tuple.tuple("PermissionDenied", 403),
                        Tuple.tuple("NotFound", 404),
                        Tuple.tuple("PayloadTooLarge", 413),
                        Tuple.tuple("UnsupportedFormat", 400),
                        Tuple.tuple("InvalidInput", 400),
                        Tuple.tuple("InvalidRange", 400),
                        Tuple.tuple("InternalError", 500),
                        Tuple.tuple("Unavailable", 503));
    }
}

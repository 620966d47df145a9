package io.bams3.web;

import io.bams3.htsget.ErrorTable;
import io.bams3.htsget.HtsgetError;
import io.bams3.htsget.HtsgetException;
import io.bams3.htsget.HtsgetJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns any failure, Spring's own included, into an htsget error response. */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final MediaType HTSGET = MediaType.parseMediaType(HtsgetJson.MEDIA_TYPE);

    private ErrorResponses() {}

    static ResponseEntity<byte[]> of(Throwable failure, String method, String path) {
        return of(failure, method, path, true);
    }

    /**
     * The error response for a failure; with {@code log}, a server-side failure (5xx) is logged as
     * one line naming its cause (the stack trace only at DEBUG), so that failing requests cannot
     * flood the log. Client errors are not logged here: the access log has them.
     */
    static ResponseEntity<byte[]> of(Throwable failure, String method, String path, boolean log) {
        if (failure instanceof HttpRequestMethodNotSupportedException e) {
            HttpHeaders headers = new HttpHeaders();
            if (e.getSupportedHttpMethods() != null) {
                headers.setAllow(e.getSupportedHttpMethods());
            }
            return respond(405, HtsgetError.INVALID_INPUT, method + " is not supported on " + path, headers);
        }
        if (failure instanceof ReadsController.StreamsBusyException e) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            return respond(503, HtsgetError.UNAVAILABLE, e.getMessage(), headers);
        }
        HtsgetException h = classify(failure, method, path);
        if (log && h.error().status() >= 500) {
            Throwable cause = h.getCause() != null ? h.getCause() : h;
            LOG.warn("{} {} failed: {}: {}", method, path, h.getMessage(), cause.toString());
            LOG.debug("{} {} failed", method, path, cause);
        } else if (log && h.getCause() != null) {
            // e.g. the storage location a missing dataset was looked for at, which the client is not told
            LOG.debug(
                    "{} {} answered {}: {}",
                    method,
                    path,
                    h.error().wireName(),
                    h.getCause().toString());
        }
        return respond(h.error().status(), h.error(), h.getMessage(), new HttpHeaders());
    }

    /** Writes an error response onto a servlet response that has not been committed. */
    static void write(ResponseEntity<byte[]> error, HttpServletResponse response) throws IOException {
        response.setStatus(error.getStatusCode().value());
        error.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        byte[] body = error.getBody() == null ? new byte[0] : error.getBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** An error for a bare status (the container's error page, where there may be no exception). */
    static ResponseEntity<byte[]> ofStatus(int status, String path) {
        HtsgetError error = switch (status) {
            case 401 -> HtsgetError.INVALID_AUTHENTICATION;
            case 403 -> HtsgetError.PERMISSION_DENIED;
            case 404 -> HtsgetError.NOT_FOUND;
            case 413 -> HtsgetError.PAYLOAD_TOO_LARGE;
            case 503 -> HtsgetError.UNAVAILABLE;
            default -> status >= 500 ? HtsgetError.INTERNAL_ERROR : HtsgetError.INVALID_INPUT;
        };
        String message = status == 404 ? "no such endpoint: " + path : "the request failed with status " + status;
        return respond(status, error, message, new HttpHeaders());
    }

    private static HtsgetException classify(Throwable failure, String method, String path) {
        if (failure instanceof NoResourceFoundException || failure instanceof NoHandlerFoundException) {
            return HtsgetError.NOT_FOUND.exception("no such endpoint: " + method + " " + path);
        }
        if (failure instanceof JwtDecoderInitializationException || failure instanceof AuthenticationServiceException) {
            // the token could not be checked (the issuer's discovery document or keys did not arrive)
            return new HtsgetException(
                    HtsgetError.UNAVAILABLE, "the token could not be checked now; try again shortly", failure);
        }
        if (failure instanceof MaxUploadSizeExceededException) {
            return HtsgetError.PAYLOAD_TOO_LARGE.exception("the request body is too large");
        }
        if (failure instanceof HttpMessageNotReadableException
                || failure instanceof ServletRequestBindingException
                || failure instanceof MethodArgumentTypeMismatchException) {
            return HtsgetError.INVALID_INPUT.exception("malformed request: " + failure.getMessage());
        }
        if (failure instanceof ErrorResponse e) {
            HttpStatusCode status = e.getStatusCode();
            HtsgetError error = status.value() == 404
                    ? HtsgetError.NOT_FOUND
                    : status.value() == 413
                            ? HtsgetError.PAYLOAD_TOO_LARGE
                            : status.is4xxClientError() ? HtsgetError.INVALID_INPUT : HtsgetError.INTERNAL_ERROR;
            return error.exception(e.getBody().getDetail() != null ? e.getBody().getDetail() : "the request failed");
        }
        return ErrorTable.classify(failure);
    }

    private static ResponseEntity<byte[]> respond(int status, HtsgetError error, String message, HttpHeaders headers) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(HTSGET)
                .body(HtsgetJson.error(error, message));
    }
}

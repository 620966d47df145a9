package io.bams3.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure in a handler becomes htsget error JSON with the spec's status. A stream that
 * fails after its response started is rethrown instead, so the container cuts the connection and
 * the client sees a truncated transfer rather than a short but well-formed file.
 */
@RestControllerAdvice
class HtsgetErrorAdvice {

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> handle(Exception failure, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        if (failure instanceof ReadsController.StreamFailedException || response.isCommitted()) {
            throw failure;
        }
        return ErrorResponses.of(failure, request.getMethod(), request.getRequestURI());
    }
}

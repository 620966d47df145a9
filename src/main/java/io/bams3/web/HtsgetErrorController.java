package io.bams3.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page (failures outside the handlers, e.g. a URL the container rejects):
 * htsget error JSON instead of Spring Boot's default page.
 */
@RestController
class HtsgetErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        if (failure instanceof Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof ReadsController.StreamFailedException) {
                    // already logged; the response started, so the connection is cut instead
                    return ResponseEntity.internalServerError().build();
                }
            }
            return ErrorResponses.of(t, request.getMethod(), path);
        }
        return ErrorResponses.ofStatus(status instanceof Integer s ? s : 500, path);
    }
}

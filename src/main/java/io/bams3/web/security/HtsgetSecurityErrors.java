package io.bams3.web.security;

import io.bams3.htsget.HtsgetError;
import io.bams3.htsget.HtsgetJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Security failures as htsget errors: no or a bad token is 401 InvalidAuthentication with
 * {@code WWW-Authenticate: Bearer} (RFC 6750), a refused request 403 PermissionDenied, and a URL
 * the firewall rejects 400 InvalidInput; each with the htsget error body.
 */
final class HtsgetSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearer.commence(request, response, e); // the WWW-Authenticate header
        String message =
                e instanceof OAuth2AuthenticationException o && o.getError().getDescription() != null
                        ? "the bearer token was refused: " + o.getError().getDescription()
                        : "a bearer token is required (Authorization: Bearer <token>)";
        write(response, HtsgetError.INVALID_AUTHENTICATION, message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HtsgetError.PERMISSION_DENIED, "the credentials presented do not allow this request");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        write(response, HtsgetError.INVALID_INPUT, "the request URL is not allowed");
    }

    private static void write(HttpServletResponse response, HtsgetError error, String message) throws IOException {
        response.setStatus(error.status());
        response.setContentType(HtsgetJson.MEDIA_TYPE);
        response.getOutputStream().write(HtsgetJson.error(error, message));
    }
}

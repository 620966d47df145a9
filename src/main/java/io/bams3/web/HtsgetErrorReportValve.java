package io.bams3.web;

import io.bams3.htsget.HtsgetJson;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The container's last-resort error page (requests it rejects before any servlet runs, such as a
 * malformed URL): htsget error JSON instead of Tomcat's HTML. A response that already started is
 * cut, as Tomcat does.
 */
public final class HtsgetErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            String path = request.getDecodedRequestURI() == null ? "" : request.getDecodedRequestURI();
            byte[] body = ErrorResponses.ofStatus(status, path).getBody();
            response.setContentType(HtsgetJson.MEDIA_TYPE);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body
        }
    }
}

package io.bams3.web.page;

import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import java.util.Map;

/** The pages in headless Chromium against a server on a local root, with streamed tickets. */
class StreamedViewerBrowserTest extends ViewerBrowserContract {
    @Override
    TestServer startServer() {
        return TestServer.start(withReference(Map.of(
                "bams3.roots[0].location", ServedDatasets.localRoot().toString(), "bams3.tickets.mode", "streamed")));
    }

    @Override
    String dataPrefix(TestServer server) {
        return server.base() + "/reads/data/";
    }

    @Override
    String mode() {
        return "streamed";
    }
}

package io.bams3.web.page;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The browse page ({@code GET /}) and the viewer ({@code GET /view/{id}}, {@code GET /view?ids=a,b}).
 * Both are the same HTML whatever the id: the page's scripts read the id from the URL and fetch
 * everything else, so no name found in storage is ever written into HTML by the server.
 */
@Controller
@Hidden
class PageController {
    private final PageTemplate index = PageTemplate.load("/page/index.html");
    private final PageTemplate view = PageTemplate.load("/page/view.html");
    private final ContentSecurityPolicy policy;

    PageController(ContentSecurityPolicy policy) {
        this.policy = policy;
    }

    @GetMapping("/")
    ResponseEntity<byte[]> index(HttpServletRequest request) {
        return page(index, request);
    }

    @GetMapping({"/view", "/view/**"})
    ResponseEntity<byte[]> view(HttpServletRequest request) {
        return page(view, request);
    }

    private ResponseEntity<byte[]> page(PageTemplate template, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", policy.value())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(template.render(path));
    }
}

package io.neurofm.serve.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem documents: {type, title, status, detail, instance, field}. */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String detail, String field, String path) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        if (path != null) {
            p.setInstance(URI.create(path.replace(" ", "%20")));
        }
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }

    /** Writes a problem straight to the servlet response (for filters, which run before MVC). */
    public static void write(HttpServletResponse response, HttpStatusCode status, String detail, String field,
            String path) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        ProblemDetail p = of(status, detail, field, path);
        body.put("title", p.getTitle());
        body.put("status", status.value());
        body.put("detail", detail);
        if (path != null) {
            body.put("instance", path);
        }
        if (field != null) {
            body.put("field", field);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}

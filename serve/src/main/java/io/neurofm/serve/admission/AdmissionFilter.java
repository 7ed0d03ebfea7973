package io.neurofm.serve.admission;

import io.neurofm.serve.ModelCatalog;
import io.neurofm.serve.api.Problems;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control for the inference endpoints, before anything reads the body: when the pool of
 * the request ({@link Admission}) is full, answers 503 problem+json with Retry-After at once, so an
 * overloaded server spends no time parsing or preprocessing requests it cannot serve (a body larger
 * than the limit then also gets 503, not 413: the 503 is decided from the path alone). Runs after the
 * API-key check (an unauthenticated caller cannot take places) and before the body-size check. The
 * place is released when the response is complete: after the chain returns, or, if the request went
 * asynchronous, when the async request completes, fails or times out.
 */
public final class AdmissionFilter extends OncePerRequestFilter {
    private static final Pattern V2_INFER = Pattern.compile("/v2/models/([^/]+)/infer");

    private final Admission admission;
    private final ModelCatalog catalog;
    private final int retryAfterSeconds;

    public AdmissionFilter(Admission admission, ModelCatalog catalog, int retryAfterSeconds) {
        this.admission = admission;
        this.catalog = catalog;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The pool a request counts against, or null for requests that are not admission-controlled. */
    String pool(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/v1/embeddings") || path.equals("/v1/embeddings/file")) {
            return Admission.V1;
        }
        Matcher m = V2_INFER.matcher(path);
        if (m.matches()) {
            // Only models being served get a pool: an unknown name goes on to its 404 and cannot make pools grow.
            return catalog.all().stream().filter(s -> s.name().equals(m.group(1)))
                    .map(s -> "v2:" + s.name()).findFirst().orElse(null);
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String pool = pool(request);
        if (pool == null) {
            chain.doFilter(request, response);
            return;
        }
        Admission.Ticket ticket = admission.tryAdmit(pool);
        if (ticket == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
            // The body is left unparsed: the container discards its bytes after the answer is sent (up to
            // server.tomcat.max-swallow-size) so the connection stays usable for the client's retry.
            Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "the server is at its limit of "
                    + admission.limit() + " inference requests in flight for " + pool
                    + "; retry after " + retryAfterSeconds + " s", null, request.getRequestURI());
            return;
        }
        boolean async = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Releasing(ticket));
                async = true;
            }
        } finally {
            if (!async) {
                ticket.release();
            }
        }
    }

    private record Releasing(Admission.Ticket ticket) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            ticket.release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            ticket.release();
        }

        @Override
        public void onError(AsyncEvent event) {
            ticket.release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}

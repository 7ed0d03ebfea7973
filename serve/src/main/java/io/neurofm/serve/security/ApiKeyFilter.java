package io.neurofm.serve.security;

import io.neurofm.serve.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires a configured API key ({@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}) on
 * every path but the health probes and the Prometheus scrape (a scraper configured by pod
 * annotations cannot send a key; the metrics hold counts and timings, no inputs); answers 401
 * problem+json otherwise. Lets everything through in open mode (no keys configured).
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    /** Paths any caller (a load balancer, Kubernetes, Prometheus) may reach without a key. */
    public static final List<String> OPEN_PATHS = List.of("/v2/health/live", "/v2/health/ready", "/actuator/health",
            "/actuator/prometheus",
            // The page at / (its calls send the key typed into it).
            "/", "/index.html", "/app.js", "/style.css");

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    static boolean isOpen(String path) {
        for (String open : OPEN_PATHS) {
            if (path.equals(open) || path.startsWith(open + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (keys.open() || isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        String presented = presentedKey(request);
        if (keys.matches(presented)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"neurofm\"");
        boolean bearer = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        Problems.write(response, HttpStatus.UNAUTHORIZED, presented == null
                ? "an API key is required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"
                : "the API key is not valid", bearer ? HttpHeaders.AUTHORIZATION : "X-API-Key", path);
    }

    private static String presentedKey(HttpServletRequest request) {
        String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (auth != null) {
            String a = auth.strip();
            return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : a;
        }
        String header = request.getHeader("X-API-Key");
        return header == null ? null : header.strip();
    }
}

package io.neurofm.serve.api;

import io.neurofm.inference.InvalidInputException;
import io.neurofm.serve.ServeSettings;
import io.neurofm.serve.batch.QueueFullException;
import io.neurofm.serve.batch.RequestTimeoutException;
import io.neurofm.serve.security.BodySizeFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import tools.jackson.core.JacksonException;

/**
 * Every error as application/problem+json with a {@code field} where there is one. Client errors
 * map to 4xx (malformed JSON 400, invalid content 422, unknown model 404, too large 413, overload
 * and timeout 503 with Retry-After); only a fault of the server itself is a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    private final ServeSettings settings;

    public ProblemHandler(ServeSettings settings) {
        this.settings = settings;
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handle(Exception ex, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (ex instanceof ClientProblem p) {
            return problem(p.status(), p.getMessage(), p.field(), path);
        }
        if (ex instanceof InvalidInputException e) {
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.detail(), e.field(), path);
        }
        if (ex instanceof QueueFullException || ex instanceof RequestTimeoutException
                || ex instanceof CancellationException) {
            String detail = ex instanceof CancellationException ? "the server is shutting down; retry later"
                    : ex.getMessage();
            ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, detail, null, path);
            return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(settings.retryAfterSeconds())).body(r.getBody());
        }
        BodySizeFilter.BodyTooLargeException tooLarge = cause(ex, BodySizeFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), "body", path);
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than "
                    + settings.maxFileSize().toBytes() + " bytes, the limit", "file", path);
        }
        if (ex instanceof HttpMessageNotReadableException e) {
            JacksonException json = cause(e, JacksonException.class);
            if (json != null) {
                return problem(HttpStatus.BAD_REQUEST, "malformed JSON: " + json.getOriginalMessage(),
                        jsonPath(json), path);
            }
            return problem(HttpStatus.BAD_REQUEST, "the request body is missing or unreadable", "body", path);
        }
        if (ex instanceof MissingServletRequestPartException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getBody().getDetail(), e.getRequestPartName(), path);
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getBody().getDetail(), e.getParameterName(), path);
        }
        if (ex instanceof MethodArgumentTypeMismatchException e) {
            return problem(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName(),
                    e.getName(), path);
        }
        if (ex instanceof HttpMediaTypeNotSupportedException e) {
            return problem(e.getStatusCode(), e.getBody().getDetail(), HttpHeaders.CONTENT_TYPE, path);
        }
        if (ex instanceof MultipartException) {
            return problem(HttpStatus.BAD_REQUEST, "malformed multipart body: " + ex.getMessage(), "file", path);
        }
        if (ex instanceof ErrorResponse e) {
            HttpStatusCode status = e.getStatusCode();
            String detail = e.getBody().getDetail() != null ? e.getBody().getDetail() : ex.getMessage();
            if (status.is5xxServerError()) {
                LOG.error("{} {}: {}", request.getMethod(), path, ex.toString(), ex);
            }
            return problem(status, detail, null, path);
        }
        LOG.error("{} {} failed", request.getMethod(), path, ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + ex.getClass().getSimpleName(), null,
                path);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String detail, String field, String path) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, detail, field, path));
    }

    /** The JSON path of a parse error, e.g. {@code input[2].sfreq}; "body" when it has none. */
    static String jsonPath(JacksonException e) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "body" : b.toString();
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}

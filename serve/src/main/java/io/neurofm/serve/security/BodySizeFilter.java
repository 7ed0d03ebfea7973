package io.neurofm.serve.security;

import io.neurofm.serve.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413: at once from Content-Length, and while reading for
 * bodies of unknown length (the counted stream throws {@link BodyTooLargeException}, which
 * {@code ProblemHandler} answers with 413). Multipart uploads have their own, larger limit, which
 * the servlet container's multipart parser also enforces.
 */
public final class BodySizeFilter extends OncePerRequestFilter {
    private final long jsonLimit;
    private final long fileLimit;

    public BodySizeFilter(long jsonLimit, long fileLimit) {
        this.jsonLimit = jsonLimit;
        this.fileLimit = fileLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase().startsWith("multipart/");
        long limit = multipart ? fileLimit : jsonLimit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "the request body has " + declared
                    + " bytes; this endpoint takes at most " + limit, "body", request.getRequestURI());
            return;
        }
        chain.doFilter(multipart ? request : new Limited(request, limit), response);
    }

    /** A body grew past the limit while being read. */
    public static final class BodyTooLargeException extends IOException {
        public BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes, the limit for this endpoint");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private void count(long n) throws BodyTooLargeException {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    throw new BodyTooLargeException(limit);
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

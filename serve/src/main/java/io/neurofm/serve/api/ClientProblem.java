package io.neurofm.serve.api;

import org.springframework.http.HttpStatus;

/** A client error with its status and, where there is one, the request field it is about. */
public class ClientProblem extends RuntimeException {
    private final HttpStatus status;
    private final String field;

    public ClientProblem(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ClientProblem badRequest(String field, String message) {
        return new ClientProblem(HttpStatus.BAD_REQUEST, field, message);
    }

    public static ClientProblem unprocessable(String field, String message) {
        return new ClientProblem(HttpStatus.UNPROCESSABLE_CONTENT, field, message);
    }

    public static ClientProblem notFound(String field, String message) {
        return new ClientProblem(HttpStatus.NOT_FOUND, field, message);
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field (JSON path, form part, header or path variable); null when none. */
    public String field() {
        return field;
    }
}

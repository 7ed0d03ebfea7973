package io.neurofm.serve.web;

import io.neurofm.signal.Readers;
import io.neurofm.signal.SignalException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * {@code POST /v1/recordings/preview} (multipart, part {@code file}): the channel names, rate and a
 * decimated excerpt the page at {@code /} plots before embedding. Client errors are
 * {@code application/problem+json}: 400 for a missing part or bad parameter (naming it), 415 for a
 * file ending no reader claims, 422 for a file a reader refuses (the reader's message, with the
 * server's temp path replaced by the client's file name).
 */
@RestController
public class RecordingPreviewController {
    static final String PATH = "/v1/recordings/preview";

    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public RecordingPreview preview(@RequestParam("file") MultipartFile file,
            @RequestParam(name = "start", defaultValue = "0") double start,
            @RequestParam(name = "seconds", defaultValue = "10") double seconds,
            @RequestParam(name = "points", defaultValue = "1000") int points,
            @RequestParam(name = "channels", defaultValue = "64") int channels) throws IOException {
        RecordingPreviews.Request request = new RecordingPreviews.Request(start, seconds, points, channels);
        String name = UploadedFiles.displayName(file.getOriginalFilename());
        if (file.isEmpty()) {
            throw new RecordingPreviews.PreviewException("file", "the uploaded file " + name + " is empty");
        }
        String ending = UploadedFiles.supportedEnding(name);
        if (ending == null) {
            throw new UnsupportedUpload(name);
        }
        Path dir = Files.createTempDirectory("neurofm-preview");
        Path stored = dir.resolve("upload" + ending);
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, stored, StandardCopyOption.REPLACE_EXISTING);
            }
            return RecordingPreviews.preview(stored, name, request);
        } catch (SignalException e) {
            throw new UnreadableUpload(name, e.getMessage().replace(stored.toString(), name));
        } finally {
            Files.deleteIfExists(stored);
            Files.deleteIfExists(dir);
        }
    }

    @ExceptionHandler(RecordingPreviews.PreviewException.class)
    ResponseEntity<ProblemDetail> badParameter(RecordingPreviews.PreviewException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad preview request", e.getMessage(), e.field());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return problem(HttpStatus.BAD_REQUEST, "Missing file",
                "send the recording as the multipart part \"" + e.getRequestPartName() + "\"", e.getRequestPartName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Missing parameter", e.getMessage(), e.getParameterName());
    }

    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badType(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad preview request",
                e.getName() + " must be a number, got \"" + e.getValue() + "\"", e.getName());
    }

    @ExceptionHandler(UnsupportedUpload.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedUpload e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported recording format", e.getMessage(), "file");
    }

    @ExceptionHandler(UnreadableUpload.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableUpload e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unreadable recording", e.getMessage(), "file");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setInstance(URI.create(PATH));
        if (field != null) {
            body.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    static final class UnsupportedUpload extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedUpload(String name) {
            super(name + ": not a recording file ending this server reads; supported endings: "
                    + String.join(" ", Readers.supportedExtensions()));
        }
    }

    static final class UnreadableUpload extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableUpload(String name, String message) {
            super(message.startsWith(name) ? message : name + ": " + message);
        }
    }
}

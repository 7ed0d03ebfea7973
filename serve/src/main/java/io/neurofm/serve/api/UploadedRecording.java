package io.neurofm.serve.api;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploaded parts written to a private temporary folder under their own (checked) file names and
 * read with {@link Readers}: one recording file, a BrainVision set (.vhdr + .eeg + .vmrk parts), or
 * a zip holding one of those (flat entries only, total size bounded). The folder is deleted after.
 */
final class UploadedRecording {
    private static final Logger LOG = LoggerFactory.getLogger(UploadedRecording.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,200}");
    private static final int MAX_ZIP_ENTRIES = 16;

    private UploadedRecording() {}

    static Recording read(List<MultipartFile> parts, long maxBytes) {
        if (parts == null || parts.isEmpty() || parts.stream().allMatch(MultipartFile::isEmpty)) {
            throw ClientProblem.unprocessable("file", "upload a recording file (EDF, BDF, GDF, BrainVision, FIF or "
                    + "NPZ) as the multipart part 'file'");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("neurofm-upload-");
            for (MultipartFile part : parts) {
                String name = safeName(part.getOriginalFilename());
                Path target = dir.resolve(name);
                if (Files.exists(target)) {
                    throw ClientProblem.unprocessable("file", "two parts are named " + name);
                }
                try (InputStream in = part.getInputStream()) {
                    Files.copy(in, target);
                }
            }
            List<Path> files = list(dir);
            if (files.size() == 1 && files.get(0).getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                Path zip = files.get(0);
                Path extracted = Files.createDirectory(dir.resolve("zip"));
                extract(zip, extracted, maxBytes);
                files = list(extracted);
            }
            Path primary = primary(files);
            try {
                return Readers.read(primary, OpenOptions.DEFAULT);
            } catch (SignalException e) {
                throw ClientProblem.unprocessable("file", e.getMessage().replace(dir.toString() + "/", ""));
            } catch (IOException | RuntimeException e) {
                if (e instanceof ClientProblem c) {
                    throw c;
                }
                LOG.warn("upload {} could not be read", primary.getFileName(), e);
                throw ClientProblem.unprocessable("file", primary.getFileName() + " could not be read as "
                        + "a recording: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not store the upload: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static String safeName(String original) {
        if (original == null || original.isBlank()) {
            throw ClientProblem.unprocessable("file", "each part needs a file name (its ending picks the reader)");
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (!NAME.matcher(name).matches()) {
            throw ClientProblem.unprocessable("file", "file name '" + original + "' must match " + NAME);
        }
        return name;
    }

    private static Path primary(List<Path> files) {
        List<Path> headers = files.stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vhdr")).toList();
        if (headers.size() == 1) {
            return headers.get(0);
        }
        if (files.size() == 1) {
            return files.get(0);
        }
        throw ClientProblem.unprocessable("file", "send one recording file, a BrainVision set (one .vhdr with its "
                + ".eeg and .vmrk) or a zip of one; got " + files.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static void extract(Path zip, Path into, long maxBytes) throws IOException {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.isDirectory()) {
                    continue;
                }
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw ClientProblem.unprocessable("file", "the zip holds more than " + MAX_ZIP_ENTRIES + " files");
                }
                String name = e.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.startsWith(".") || name.contains("..") || !NAME.matcher(base).matches()) {
                    throw ClientProblem.unprocessable("file", "zip entry '" + name + "' is not a plain file name");
                }
                Path target = into.resolve(base);
                if (Files.exists(target)) {
                    throw ClientProblem.unprocessable("file", "the zip holds two files named " + base);
                }
                try (OutputStream out = Files.newOutputStream(target)) {
                    for (int n; (n = in.read(buffer)) > 0;) {
                        total += n;
                        if (total > maxBytes) {
                            throw ClientProblem.unprocessable("file", "the zip expands past " + maxBytes
                                    + " bytes, the upload limit");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw ClientProblem.unprocessable("file", "not a readable zip: " + e.getMessage());
        }
        if (entries == 0) {
            throw ClientProblem.unprocessable("file", "the zip holds no files");
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not delete {}", p);
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}", dir);
        }
    }
}

package io.neurofm.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The zipped form of an artifact: the same files at the zip's root. */
final class ZipArtifacts {
    private ZipArtifacts() {
    }

    static boolean isZip(Path path) {
        return Files.isRegularFile(path) && isZipName(path);
    }

    static boolean isZipName(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * Writes every file under {@code root}, sorted by path, with one fixed timestamp so the same
     * artifact always gives the same zip bytes.
     */
    static void write(Path root, OutputStream out, LocalDateTime time) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted((a, b) -> ArtifactLayout.relative(root, a)
                    .compareTo(ArtifactLayout.relative(root, b))).toList();
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Path f : files) {
            ZipEntry entry = new ZipEntry(ArtifactLayout.relative(root, f));
            entry.setTimeLocal(time);
            zip.putNextEntry(entry);
            Files.copy(f, zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    static LocalDateTime zipTime(java.time.Instant created) {
        // DOS times start in 1980; clamp so an artifact "created" earlier still zips.
        LocalDateTime t = LocalDateTime.ofInstant(created, ZoneOffset.UTC);
        LocalDateTime min = LocalDateTime.of(1980, 1, 1, 0, 0);
        return t.isBefore(min) ? min : t;
    }

    /**
     * Extracts a zip into the empty folder {@code into}, refusing entry names that could leave it,
     * duplicate names, and entries that inflate beyond their declared size (zip bombs) or beyond
     * the free space.
     */
    static void extract(Path zipFile, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            Set<String> seen = new HashSet<>();
            long declared = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                String name = entry.isDirectory() ? entry.getName().substring(0, entry.getName().length() - 1)
                        : entry.getName();
                if (!ArtifactLayout.isSafePath(name)) {
                    throw new ArtifactException(zipFile, entry.getName(), "zip entry name is not a plain relative path");
                }
                if (!seen.add(name)) {
                    throw new ArtifactException(zipFile, name, "appears twice in the zip");
                }
                if (!entry.isDirectory()) {
                    if (entry.getSize() < 0) {
                        throw new ArtifactException(zipFile, name, "zip entry does not declare its size");
                    }
                    declared += entry.getSize();
                }
            }
            long free = Files.getFileStore(into).getUsableSpace();
            if (declared > free) {
                throw new ArtifactException(zipFile, null, "the zip declares " + declared + " bytes, but only " + free
                        + " are free where it would be extracted");
            }
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                Path target = into.resolve(entry.getName());
                if (!target.normalize().startsWith(into)) {
                    throw new ArtifactException(zipFile, entry.getName(), "zip entry would be extracted outside the artifact");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    copyAtMost(zipFile, entry, in, out);
                }
            }
        } catch (ArtifactException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            // ZipException, EOFException from a truncated deflate stream, malformed entry names...
            throw new ArtifactException(zipFile, null, "cannot extract the zip (" + e + ")", e);
        }
    }

    private static void copyAtMost(Path zipFile, ZipEntry entry, InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > entry.getSize()) {
                throw new ArtifactException(zipFile, entry.getName(), "inflates beyond its declared size of "
                        + entry.getSize() + " bytes");
            }
            out.write(buffer, 0, n);
        }
        if (total != entry.getSize()) {
            throw new ArtifactException(zipFile, entry.getName(), "inflates to " + total + " bytes, but declares "
                    + entry.getSize());
        }
    }
}

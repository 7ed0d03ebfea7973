package io.neurofm.signal.bids;

import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The BIDS inheritance principle: a metadata file applies to a data file when it sits in the
 * data file's folder or one of its parents up to the dataset root, has the wanted suffix and
 * extension, and every entity in its name appears with the same value in the data file's
 * name. At most one file may apply per folder; a deeper one takes precedence.
 */
final class SidecarLocator {
    private SidecarLocator() {
    }

    /**
     * The applicable files, top level first.
     *
     * @param ignored entities a sidecar may carry without the data file having them ({@code space}
     *                for electrodes and coordinate systems)
     * @param also    a further condition on the sidecar's entities
     */
    static List<Path> applicable(BidsFile data, String suffix, String extension, Set<String> ignored,
                                 Predicate<BidsEntities> also) throws IOException {
        List<Path> levels = new ArrayList<>();
        for (Path dir = data.path().getParent(); dir != null && dir.startsWith(data.root()); dir = dir.getParent()) {
            levels.add(0, dir);
        }
        List<Path> found = new ArrayList<>();
        for (Path dir : levels) {
            Path match = null;
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String name = String.valueOf(f.getFileName());
                if (!name.equals(suffix + extension) && !name.endsWith("_" + suffix + extension)) {
                    continue;
                }
                BidsEntities e;
                try {
                    e = BidsEntities.parse(f);
                } catch (SignalFormatException notBids) {
                    continue;
                }
                if (!e.suffix().equals(suffix) || !e.extension().equals(extension)
                        || !e.appliesTo(data.entities(), ignored) || !also.test(e)) {
                    continue;
                }
                if (match != null) {
                    throw new SignalException(data.path(), "BIDS inheritance: both " + match.getFileName() + " and "
                            + f.getFileName() + " in " + data.root().relativize(dir) + "/ apply to this file; "
                            + "at most one " + suffix + extension + " may apply per folder");
                }
                match = f;
            }
            if (match != null) {
                found.add(match);
            }
        }
        return found;
    }

    /** The deepest applicable file, or null. */
    static Path nearest(BidsFile data, String suffix, String extension, Set<String> ignored,
                        Predicate<BidsEntities> also) throws IOException {
        List<Path> all = applicable(data, suffix, extension, ignored, also);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    static Path nearest(BidsFile data, String suffix, String extension) throws IOException {
        return nearest(data, suffix, extension, Set.of(), e -> true);
    }
}

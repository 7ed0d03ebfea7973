package io.neurofm.signal.bids;

import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The recordings of a BIDS dataset: every {@code _eeg}, {@code _meg}, {@code _ieeg} and
 * {@code _bold} data file under {@code sub-<label>/[ses-<label>/]<datatype>/}. Folders BIDS keeps
 * apart from raw data ({@code derivatives}, {@code sourcedata}, {@code code}, hidden ones) are not
 * searched. Files that look like recordings but break the naming rules are listed in
 * {@link #skipped()} with the reason instead of failing the whole scan.
 *
 * @param recordings sorted by path
 */
public record BidsDataset(Path root, List<BidsFile> recordings, List<Skipped> skipped) {
    /** Data-file extensions per suffix (BrainVision by its .vhdr, EEGLAB by its .set). */
    static final Map<String, Set<String>> DATA_EXTENSIONS = Map.of(
            "eeg", Set.of(".edf", ".bdf", ".vhdr", ".set", ".fif", ".gdf"),
            "ieeg", Set.of(".edf", ".bdf", ".vhdr", ".set", ".fif", ".gdf"),
            "meg", Set.of(".fif"),
            "bold", Set.of(".nii", ".nii.gz"));
    /** The datatype folder each suffix belongs in. */
    static final Map<String, String> DATATYPE_OF_SUFFIX = Map.of("eeg", "eeg", "ieeg", "ieeg", "meg", "meg",
            "bold", "func");
    private static final Set<String> NOT_RAW = Set.of("derivatives", "sourcedata", "code");

    /** A file that looked like a recording but could not be taken as one. */
    public record Skipped(Path path, String reason) {
    }

    public BidsDataset {
        recordings = List.copyOf(recordings);
        skipped = List.copyOf(skipped);
    }

    /** Scans a dataset root, which must hold dataset_description.json. */
    public static BidsDataset scan(Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(base.resolve("dataset_description.json"))) {
            throw new SignalException(base, "not a BIDS dataset root: no dataset_description.json");
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            walk.filter(p -> !excluded(base, p))
                    .filter(Files::isRegularFile)
                    .filter(BidsDataset::looksLikeData)
                    .forEach(candidates::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        candidates.sort(Comparator.naturalOrder());
        List<BidsFile> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path p : candidates) {
            try {
                files.add(recording(base, p));
            } catch (SignalFormatException e) {
                skipped.add(new Skipped(p, e.getMessage()));
            }
        }
        return new BidsDataset(base, files, skipped);
    }

    /**
     * The BIDS entry of a data file that sits inside a dataset (a folder above it holds
     * dataset_description.json), or empty for a file outside any dataset.
     *
     * @throws SignalFormatException when the file is inside a dataset but misnamed or misplaced
     */
    public static Optional<BidsFile> locate(Path file) throws SignalFormatException {
        Path path = file.toAbsolutePath().normalize();
        for (Path dir = path.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dataset_description.json"))) {
                return excluded(dir, path) || !looksLikeData(path) ? Optional.empty()
                        : Optional.of(recording(dir, path));
            }
        }
        return Optional.empty();
    }

    private static boolean excluded(Path base, Path p) {
        Path rel = base.relativize(p);
        for (int i = 0; i < rel.getNameCount(); i++) {
            String part = rel.getName(i).toString();
            if (part.startsWith(".") || (i == 0 && NOT_RAW.contains(part))) {
                return true;
            }
        }
        return rel.getNameCount() > 0 && !rel.getName(0).toString().startsWith("sub-");
    }

    private static boolean looksLikeData(Path p) {
        String name = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Set<String>> e : DATA_EXTENSIONS.entrySet()) {
            for (String ext : e.getValue()) {
                if (name.endsWith("_" + e.getKey() + ext)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Checks the name against its folders: sub-X/[ses-Y/]datatype/sub-X_[ses-Y_]..._suffix.ext. */
    private static BidsFile recording(Path base, Path p) throws SignalFormatException {
        BidsEntities e = BidsEntities.parse(p);
        Path rel = base.relativize(p);
        String expectedFolder = DATATYPE_OF_SUFFIX.get(e.suffix());
        if (expectedFolder == null || !DATA_EXTENSIONS.get(e.suffix()).contains(e.extension())) {
            throw new SignalFormatException(p, "BIDS file name", -1, "a data file _eeg/_ieeg (.edf .bdf .vhdr .set "
                    + ".fif .gdf), _meg (.fif) or _bold (.nii .nii.gz) with lower-case extension",
                    e.suffix() + e.extension());
        }
        String subjectFolder = rel.getName(0).toString();
        if (e.get("sub") == null || !subjectFolder.equals("sub-" + e.get("sub"))) {
            throw new SignalFormatException(p, "sub entity", -1, "the subject of its folder " + subjectFolder,
                    e.get("sub") == null ? "no sub entity" : "sub-" + e.get("sub"));
        }
        int depth = rel.getNameCount();
        boolean sessionFolder = depth == 4 && rel.getName(1).toString().startsWith("ses-");
        if (depth != 3 && !sessionFolder) {
            throw new SignalFormatException(p, "location", -1,
                    "sub-<label>/[ses-<label>/]" + expectedFolder + "/<file>", rel.toString());
        }
        String sessionOfFolder = sessionFolder ? rel.getName(1).toString() : null;
        String sessionOfName = e.get("ses") == null ? null : "ses-" + e.get("ses");
        if (!Objects.equals(sessionOfFolder, sessionOfName)) {
            throw new SignalFormatException(p, "ses entity", -1, "the session of its folder ("
                    + (sessionOfFolder == null ? "none" : sessionOfFolder) + ")",
                    sessionOfName == null ? "none" : sessionOfName);
        }
        String datatype = rel.getName(depth - 2).toString();
        if (!datatype.equals(expectedFolder)) {
            throw new SignalFormatException(p, "datatype folder", -1, "_" + e.suffix() + " files in a "
                    + expectedFolder + "/ folder", datatype + "/");
        }
        return new BidsFile(base, p, datatype, e);
    }

    /** The recordings with this suffix (eeg, meg, ieeg, bold). */
    public List<BidsFile> withSuffix(String suffix) {
        return recordings.stream().filter(f -> f.suffix().equals(suffix)).toList();
    }

    /** The recordings of one subject (label without "sub-"). */
    public List<BidsFile> ofSubject(String subject) {
        return recordings.stream().filter(f -> subject.equals(f.subject())).toList();
    }

    /** The distinct subject labels, sorted. */
    public List<String> subjects() {
        return recordings.stream().map(BidsFile::subject).distinct().sorted().toList();
    }
}

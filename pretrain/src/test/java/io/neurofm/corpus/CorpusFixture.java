package io.neurofm.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.load.LoadSpec;
import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.tokenize.MuLawTokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real corpus: three shared EDF recordings (64-channel 160 Hz eegmmidb, 5-channel 256 Hz
 * brux2, 128 Hz file with a trigger channel) placed in a BIDS tree under four subjects (sub-02
 * with two sessions), resampled to 128 Hz, mu-law tokenised (fitted here), 2 s windows every 1.5 s.
 */
final class CorpusFixture {
    static final double RATE = 128;
    static final int WINDOW = 256;
    static final int STRIDE = 192;

    final Path root;
    final Path bids;
    final Path tokenizer;
    final CorpusSpec spec;

    private CorpusFixture(Path root, Path bids, Path tokenizer, CorpusSpec spec) {
        this.root = root;
        this.bids = bids;
        this.tokenizer = tokenizer;
        this.spec = spec;
    }

    static Path shared(String relative) {
        Path file = Path.of(System.getProperty("neurofm.data", "../../shared/data")).resolve(relative)
                .toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
        return file;
    }

    static CorpusFixture create(Path root) throws IOException {
        Path bids = root.resolve("ds");
        Files.createDirectories(bids);
        Files.writeString(bids.resolve("dataset_description.json"),
                "{\"Name\": \"corpus test\", \"BIDSVersion\": \"1.8.0\"}\n");
        place(bids, "eeg/eegmmidb_S001R01.edf", "sub-01/eeg/sub-01_task-rest_eeg.edf");
        place(bids, "eeg/capslpdb_brux2_100s.edf", "sub-02/ses-a/eeg/sub-02_ses-a_task-sleep_eeg.edf");
        place(bids, "eeg/test_edf_stim_channel.edf", "sub-02/ses-b/eeg/sub-02_ses-b_task-stim_eeg.edf");
        place(bids, "eeg/capslpdb_brux2_100s.edf", "sub-03/eeg/sub-03_task-sleep_eeg.edf");
        place(bids, "eeg/test_edf_stim_channel.edf", "sub-04/eeg/sub-04_task-stim_eeg.edf");
        Path tokenizer = root.resolve("mulaw.json");
        List<Recording> training = new ArrayList<>();
        for (Path f : BidsFiles.all(bids)) {
            training.add(load(f));
        }
        TokenizerFiles.save(MuLawTokenizer.fit(training), tokenizer);
        CorpusSpec spec = new CorpusSpec(List.of(), List.of(new CorpusSpec.Bids("ds", null)),
                new CorpusSpec.Read(null, RATE, null, null, null), null, "mulaw.json", 2.0, 1.5, 0.4, "subject", 11L,
                150_000L);
        return new CorpusFixture(root, bids, tokenizer, spec);
    }

    private static void place(Path bids, String shared, String target) throws IOException {
        Path to = bids.resolve(target);
        Files.createDirectories(to.getParent());
        Files.copy(shared(shared), to);
    }

    /** The recording exactly as the corpus reads it (resampled to 128 Hz, no preprocessing). */
    static Recording load(Path file) throws IOException {
        return RecordingLoader.load(file, new LoadSpec(OpenOptions.DEFAULT, List.of(), 0, Double.NaN, RATE, null,
                null, true));
    }

    CorpusBuilder.Result build(String outName) throws IOException {
        return CorpusBuilder.build(spec, root, root.resolve(outName));
    }

    /** BIDS data files of the fixture, sorted. */
    static final class BidsFiles {
        static List<Path> all(Path bids) throws IOException {
            return io.neurofm.signal.bids.BidsDataset.scan(bids).recordings().stream()
                    .map(io.neurofm.signal.bids.BidsFile::path).toList();
        }
    }
}

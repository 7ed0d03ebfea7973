package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real EDF placed in a small BIDS dataset: convert picks up ids, channel types and events from the sidecars. */
class BidsCliTest {

    @Test
    void convertAppliesTheSidecarsOfAFileInsideABidsDataset(@TempDir Path root) throws Exception {
        Path eegDir = Files.createDirectories(root.resolve("sub-07/ses-2/eeg"));
        Files.writeString(root.resolve("dataset_description.json"), "{\"Name\": \"t\", \"BIDSVersion\": \"1.8.0\"}");
        Path edf = eegDir.resolve("sub-07_ses-2_task-sleep_run-1_eeg.edf");
        Files.copy(DataPaths.sharedFile("eeg/capslpdb_brux2_100s.edf"), edf);
        Files.writeString(eegDir.resolve("sub-07_ses-2_task-sleep_run-1_channels.tsv"),
                "name\ttype\tunits\n" + "Fp2-F4\tEEG\tV\nF4-C4\tEEG\tV\nC4-P4\tEEG\tV\nP4-O2\tEEG\tV\nF8-T4\tEOG\tV\n");
        Files.writeString(eegDir.resolve("sub-07_ses-2_task-sleep_run-1_events.tsv"),
                "onset\tduration\ttrial_type\n12.5\t30\tN2\n42.5\t0\tarousal\n");
        Path out = root.resolve("out.npz");

        CliRun listing = CliRun.of("inspect", root.toString());
        assertEquals(0, listing.exitCode(), listing.err());
        assertTrue(listing.out().contains("1 recordings, 1 subjects"), listing.out());
        assertTrue(listing.out().contains("sub-07/ses-2/eeg/sub-07_ses-2_task-sleep_run-1_eeg.edf"), listing.out());

        CliRun run = CliRun.of("convert", edf.toString(), out.toString());
        assertEquals(0, run.exitCode(), run.err());
        Recording back = Readers.read(out, OpenOptions.DEFAULT);
        assertEquals("07", back.ids().subject());
        assertEquals("2", back.ids().session());
        assertEquals("sleep", back.ids().task());
        assertEquals("1", back.ids().run());
        assertEquals("EOG", back.channel(4).type().name());
        assertEquals(2, back.annotations().size());
        assertEquals("N2", back.annotations().get(0).description());
        assertEquals(12.5, back.annotations().get(0).onsetSeconds(), 1e-9);
        assertTrue(back.provenance().stream().anyMatch(t -> t.operation().startsWith("bids")),
                back.provenance().toString());

        CliRun ignored = CliRun.of("convert", edf.toString(), out.toString(), "--ignore-bids");
        assertEquals(0, ignored.exitCode(), ignored.err());
        Recording plain = Readers.read(out, OpenOptions.DEFAULT);
        assertEquals(null, plain.ids().subject());
        assertEquals("EEG", plain.channel(4).type().name());
    }
}

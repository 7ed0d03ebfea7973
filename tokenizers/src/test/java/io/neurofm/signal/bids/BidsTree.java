package io.neurofm.signal.bids;

import io.neurofm.signal.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A small synthetic BIDS dataset for tests. Data files are copies of a real EDF (their content is
 * not read here); sidecars are written by the test.
 */
final class BidsTree {
    static final String RUN1 = "sub-01/ses-1/eeg/sub-01_ses-1_task-rest_run-1_eeg.edf";
    static final String RUN2 = "sub-01/ses-1/eeg/sub-01_ses-1_task-rest_run-2_eeg.edf";
    static final String IEEG = "sub-01/ses-2/ieeg/sub-01_ses-2_task-sz_ieeg.edf";
    static final String SUB2_EEG = "sub-02/eeg/sub-02_task-rest_eeg.vhdr";
    static final String SUB2_BOLD = "sub-02/func/sub-02_task-rest_bold.nii.gz";

    private final Path root;

    BidsTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    Path data(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.copy(TestData.file("eeg/test_edf_stim_channel.edf"), p, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The standard tree used by most tests. */
    static BidsTree standard(Path root) throws IOException {
        BidsTree t = new BidsTree(root);
        t.write("dataset_description.json", "{\"Name\": \"test\", \"BIDSVersion\": \"1.9.0\"}");
        t.write("participants.tsv", "participant_id\tage\nsub-01\t30\nsub-02\tn/a\n");
        t.write("task-rest_eeg.json", "{\"PowerLineFrequency\": 50, \"SamplingFrequency\": 100, \"EEGReference\": \"Cz\"}");
        t.write("task-rest_channels.tsv", "name\ttype\tunits\nC3\tEEG\tuV\nC4\tEEG\tuV\n");
        t.write("task-rest_events.tsv", "onset\tduration\ttrial_type\n1.0\t0\ttop\n");
        t.data(RUN1);
        t.data(RUN2);
        t.write("sub-01/ses-1/eeg/sub-01_ses-1_task-rest_eeg.json", "{\"SamplingFrequency\": 128}");
        t.write("sub-01/ses-1/eeg/sub-01_ses-1_task-rest_run-1_channels.tsv",
                "name\ttype\tunits\tsampling_frequency\tstatus\r\n"
                        + "Fp1\tEEG\tµV\t128\tgood\r\n"
                        + "Cz\teeg\tuV\t128\tbad\r\n"
                        + "EOG1\tVEOG\tmV\tn/a\tn/a\r\n"
                        + "STI 014\tTRIG\tn/a\t128\tgood\r\n"
                        + "Resp\tRESP\tn/a\t128\tgood\r\n");
        t.write("sub-01/ses-1/eeg/sub-01_ses-1_task-rest_run-1_events.tsv",
                "onset\tduration\ttrial_type\tvalue\n"
                        + "0.5\t0\tstim/left\t1\n"
                        + "2.25\tn/a\tn/a\t2\n"
                        + "40\t1.5\tpause\tn/a\n");
        t.write("sub-01/ses-1/eeg/sub-01_ses-1_space-CapTrak_electrodes.tsv",
                "name\tx\ty\tz\timpedance\n"
                        + "Fp1\t-29.4\t83.9\t-7.0\t5\n"
                        + "Cz\t0\t0\t100\tn/a\n"
                        + "GND\tn/a\tn/a\tn/a\tn/a\n");
        t.write("sub-01/ses-1/eeg/sub-01_ses-1_space-CapTrak_coordsystem.json",
                "{\"EEGCoordinateSystem\": \"CapTrak\", \"EEGCoordinateUnits\": \"mm\"}");
        t.data(IEEG);
        t.data(SUB2_EEG);
        t.write("sub-02/eeg/sub-02_task-rest_eeg.json", "{\"PowerLineFrequency\": 60}");
        t.data(SUB2_BOLD);
        t.write("sub-02/func/sub-02_task-rest_bold.json", "{\"RepetitionTime\": 1.35}");
        t.data("sub-01/ses-1/anat/sub-01_ses-1_T1w.nii.gz");
        t.data("derivatives/prep/sub-01/eeg/sub-01_task-rest_eeg.edf");
        t.data("sourcedata/sub-01/eeg/sub-01_task-rest_eeg.bdf");
        return t;
    }
}

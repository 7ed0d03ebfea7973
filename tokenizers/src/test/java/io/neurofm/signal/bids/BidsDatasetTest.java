package io.neurofm.signal.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of recordings in a synthetic BIDS tree and file-name entity parsing. */
class BidsDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void findsRecordingsByFolderSuffixAndExtension() throws IOException {
        BidsTree tree = BidsTree.standard(tmp);
        tree.data("sub-02/eeg/sub-02_task_rest_eeg.edf");
        tree.data("sub-02/meg/sub-02_task-rest_eeg.fif");
        tree.data("sub-03/eeg/sub-02_task-rest_eeg.edf");
        tree.data("sub-02/eeg/sub-02_task-rest_eeg.eeg");
        tree.write("sub-02/eeg/sub-02_task-rest_eeg.vmrk", "");
        BidsDataset ds = BidsDataset.scan(tmp);

        List<String> found = ds.recordings().stream().map(BidsFile::relativePath).toList();
        assertEquals(List.of(BidsTree.RUN1, BidsTree.RUN2, BidsTree.IEEG, BidsTree.SUB2_EEG, BidsTree.SUB2_BOLD), found);
        assertEquals(List.of("01", "02"), ds.subjects());
        assertEquals(List.of(BidsTree.SUB2_BOLD), ds.withSuffix("bold").stream().map(BidsFile::relativePath).toList());
        assertEquals(3, ds.ofSubject("01").size());

        BidsFile run1 = ds.recordings().get(0);
        assertEquals(new RecordingIds("01", "1", "1", "rest"), run1.ids());
        assertEquals("eeg", run1.datatype());
        assertEquals(".edf", run1.extension());
        BidsFile bold = ds.withSuffix("bold").get(0);
        assertEquals(new RecordingIds("02", null, null, "rest"), bold.ids());
        assertEquals("func", bold.datatype());
        assertEquals(".nii.gz", bold.extension());
        assertEquals("ieeg", ds.withSuffix("ieeg").get(0).datatype());

        List<String> skipped = ds.skipped().stream().map(s -> tmp.relativize(s.path()).toString() + ": " + s.reason())
                .toList();
        assertEquals(3, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("sub-02/eeg/sub-02_task_rest_eeg.edf") && skipped.get(0)
                .contains("\"task\""), skipped.get(0));
        assertTrue(skipped.get(1).startsWith("sub-02/meg/") && skipped.get(1).contains("eeg/"), skipped.get(1));
        assertTrue(skipped.get(2).startsWith("sub-03/") && skipped.get(2).contains("sub-02"), skipped.get(2));
    }

    @Test
    void sessionFolderAndNameMustAgree() throws IOException {
        BidsTree tree = BidsTree.standard(tmp);
        tree.data("sub-01/ses-1/eeg/sub-01_ses-2_task-rest_eeg.edf");
        tree.data("sub-01/eeg/sub-01_ses-1_task-rest_eeg.edf");
        BidsDataset ds = BidsDataset.scan(tmp);
        assertEquals(2, ds.skipped().size());
        ds.skipped().forEach(s -> assertTrue(s.reason().contains("ses"), s.reason()));
    }

    @Test
    void rootNeedsDatasetDescription() {
        SignalException e = assertThrows(SignalException.class, () -> BidsDataset.scan(tmp));
        assertTrue(e.getMessage().contains("dataset_description.json"), e.getMessage());
    }

    @Test
    void entitiesParse() throws SignalFormatException {
        BidsEntities e = BidsEntities.parse(Path.of("sub-01_ses-pre_task-rest_acq-hd_run-02_bold.nii.gz"));
        assertEquals(Map.of("sub", "01", "ses", "pre", "task", "rest", "acq", "hd", "run", "02"), e.entities());
        assertEquals(List.of("sub", "ses", "task", "acq", "run"), List.copyOf(e.entities().keySet()));
        assertEquals("bold", e.suffix());
        assertEquals(".nii.gz", e.extension());
        BidsEntities top = BidsEntities.parse(Path.of("task-rest_channels.tsv"));
        assertTrue(top.appliesTo(e, Set.of()));
        assertTrue(!BidsEntities.parse(Path.of("task-other_channels.tsv")).appliesTo(e, Set.of()));
        BidsEntities space = BidsEntities.parse(Path.of("sub-01_space-CapTrak_electrodes.tsv"));
        assertTrue(!space.appliesTo(e, Set.of()));
        assertTrue(space.appliesTo(e, Set.of("space")));
        for (String bad : List.of("sub-01_task-re-st_eeg.edf", "sub-01__eeg.edf", "sub-01_sub-02_eeg.edf",
                "sub-01_task-rest_.edf", "sub-01_task-r@st_eeg.edf")) {
            SignalFormatException ex = assertThrows(SignalFormatException.class, () -> BidsEntities.parse(Path.of(bad)),
                    bad);
            assertTrue(ex.getMessage().contains(bad), ex.getMessage());
        }
        assertNull(e.get("space"));
    }
}

package io.neurofm.signal;

import java.nio.file.Path;
import java.util.List;

/** Every shared real recording that {@link Readers} opens, with the options each needs. */
public final class SharedRecordings {
    private SharedRecordings() {
    }

    /** A shared file and the options it needs to open. */
    public record Entry(String relativePath, OpenOptions options) {
        public Path path() {
            return TestData.file(relativePath);
        }

        @Override
        public String toString() {
            return relativePath;
        }
    }

    public static List<Entry> all() {
        return List.of(
                new Entry("eeg/eegmmidb_S001R01.edf", OpenOptions.DEFAULT),
                new Entry("eeg/capslpdb_brux2_100s.edf", OpenOptions.DEFAULT),
                new Entry("eeg/test_edf_stim_channel.edf", OpenOptions.DEFAULT),
                new Entry("eeg/test_uneven_samp.edf", OpenOptions.DEFAULT),
                new Entry("eeg/test_bdf_stim_channel.bdf", OpenOptions.DEFAULT),
                new Entry("eeg/graz_mi_left_right.gdf", OpenOptions.DEFAULT),
                new Entry("eeg/test.vhdr", OpenOptions.DEFAULT),
                new Entry("fmri/fmri_timeseries.csv", OpenOptions.withRepetitionTime(1.89)),
                new Entry("eeg/brainvision_converted_raw.fif", OpenOptions.DEFAULT),
                new Entry("meg/bti_exported4d_raw.fif", OpenOptions.DEFAULT));
    }
}

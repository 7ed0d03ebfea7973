package io.neurofm.signal.io.csv;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * ROI time series tables: a header row of region names, then one row per fMRI volume.
 * Comma-separated (tab or semicolon when that alone fits), RFC 4180 quotes, a pandas index
 * column (empty first header cell) skipped. The file has no timing: the caller gives the
 * repetition time with {@link OpenOptions#withRepetitionTime(double)}. Channels are
 * {@link io.neurofm.signal.ChannelType#FMRI_ROI} in "a.u." at 1/TR Hz.
 */
public final class CsvRoiReader implements SignalReader {
    static final String FORMAT = "CSV ROI";

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv");
    }

    @Override
    public SignalFile open(Path file, OpenOptions options) throws IOException {
        return CsvRoiFile.open(file, options == null ? OpenOptions.DEFAULT : options);
    }
}

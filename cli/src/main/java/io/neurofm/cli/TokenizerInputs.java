package io.neurofm.cli;

import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Volume;
import io.neurofm.signal.io.nifti.AtlasLabels;
import io.neurofm.signal.io.nifti.AtlasTimeSeries;
import io.neurofm.signal.io.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the tokenizer verbs turn an input file into what a tokenizer takes: a recording through
 * {@link RecordingLoader} (with the {@link ReadOptions}), a NIfTI fMRI image through an atlas
 * into ROI time series, or a NIfTI structural image as a volume.
 */
final class TokenizerInputs {
    @Option(names = "--atlas", paramLabel = "ATLAS.nii[.gz]",
            description = "For 4D NIfTI fMRI input: a label atlas in the same space; tokens are its ROI mean time "
                    + "series (ROIs outside the image are dropped).")
    Path atlas;

    @Option(names = "--atlas-labels", paramLabel = "LABELS.txt",
            description = "Region names for --atlas (MRIcron style '<value> <name>' lines, e.g. aal.nii.txt).")
    Path atlasLabels;

    Recording recording(Path file, ReadOptions read) throws IOException {
        if (!VolumeFiles.isVolume(file)) {
            return RecordingLoader.load(file, read.toLoadSpec());
        }
        if (atlas == null) {
            throw new SignalException(file, "a NIfTI image is tokenised as ROI time series: give --atlas "
                    + "(and --atlas-labels), or use an smri tokenizer for a structural image");
        }
        NiftiReader reader = new NiftiReader();
        Volume atlasVolume = reader.read(atlas);
        AtlasLabels labels = atlasLabels == null ? null : AtlasLabels.read(atlasLabels);
        OpenOptions options = read.repetitionTime != null ? OpenOptions.withRepetitionTime(read.repetitionTime)
                : OpenOptions.DEFAULT;
        return AtlasTimeSeries.compute(reader, file, 0, reader.readHeader(file).nt(), atlasVolume, labels,
                AtlasTimeSeries.EmptyRois.DROP, options);
    }

    static Volume volume(Path file) throws IOException {
        if (!VolumeFiles.isVolume(file)) {
            throw new SignalException(file, "an smri tokenizer takes a NIfTI image (.nii, .nii.gz)");
        }
        return new NiftiReader().read(file);
    }
}

package io.neurofm.serve.web;

import java.util.List;

/**
 * What the page plots for an uploaded recording: a short excerpt of its channels, min/max
 * decimated (see {@link MinMaxDecimation}).
 *
 * @param file              the uploaded file's name as the client sent it
 * @param format            the reader's format name
 * @param samplingRate      native rate (Hz) of the channels shown
 * @param durationSeconds   the whole recording's duration
 * @param channelCount      channels in the file (shown or not)
 * @param startSeconds      where the excerpt starts
 * @param seconds           the excerpt's length
 * @param bucket            native samples per decimation bucket (1 = not decimated)
 * @param pointRate         points per second in {@code data} (the native rate when bucket = 1, else 2 rate / bucket)
 * @param channels          the channels shown, in file order
 * @param data              one row of points per shown channel, in the channel's SI unit
 * @param skipped           channels left out because their native rate differs from {@code samplingRate}
 * @param omittedChannels   channels at the shown rate left out to keep the preview small
 * @param annotations       annotations overlapping the excerpt, onsets in seconds from the recording's start
 */
public record RecordingPreview(String file, String format, double samplingRate, double durationSeconds,
        int channelCount, double startSeconds, double seconds, int bucket, double pointRate,
        List<PreviewChannel> channels, float[][] data, List<SkippedChannel> skipped, int omittedChannels,
        List<PreviewAnnotation> annotations) {

    public record PreviewChannel(String name, String type, String unit) {}

    public record SkippedChannel(String name, double samplingRate) {}

    public record PreviewAnnotation(double onset, double duration, String description) {}
}

package io.neurofm.signal.io.gdf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a GDF file states before and after its samples.
 *
 * @param file                  the file
 * @param version               the version field
 * @param patientId             patient identification text (may be blank or "X")
 * @param recordingId           recording identification text
 * @param startTime             start of recording, null when the file leaves it empty
 * @param headerLength          bytes before the first data record
 * @param records               number of data records
 * @param duration              duration of one data record
 * @param channels              the variable header, one entry per channel
 * @param userEventDescriptions free-text descriptions of user event codes 1..255 (GDF 2 header tag 1)
 * @param extensionTags         tags of the GDF 2 tagged header extension, in file order
 * @param manufacturer          manufacturer text of header tag 3 (name, model, version, serial), or ""
 * @param eventTable            the event table
 */
public record GdfHeader(Path file, GdfVersion version, String patientId, String recordingId, Instant startTime,
                        long headerLength, long records, RecordDuration duration, List<GdfChannelHeader> channels,
                        Map<Integer, String> userEventDescriptions, List<Integer> extensionTags,
                        String manufacturer, GdfEventTable eventTable) {
    public GdfHeader {
        channels = List.copyOf(channels);
        userEventDescriptions = Map.copyOf(userEventDescriptions);
        extensionTags = List.copyOf(extensionTags);
    }

    /**
     * Duration of a data record: a rational number of seconds up to GDF 2.20, a float64 from 2.21.
     * Rates are computed as samples * denominator / numerator, the order MNE uses, so they match it
     * to the last bit.
     */
    public record RecordDuration(long numerator, long denominator, double seconds) {
        static RecordDuration rational(long numerator, long denominator) {
            return new RecordDuration(numerator, denominator, (double) numerator / denominator);
        }

        static RecordDuration ofSeconds(double seconds) {
            return new RecordDuration(0, 0, seconds);
        }

        public boolean isRational() {
            return denominator != 0;
        }

        public double rate(long samplesPerRecord) {
            return isRational() ? (double) samplesPerRecord * denominator / numerator : samplesPerRecord / seconds;
        }

        @Override
        public String toString() {
            return isRational() ? numerator + "/" + denominator : Double.toString(seconds);
        }
    }

    /** Bytes of one data record (all channels). */
    public long recordBytes() {
        long sum = 0;
        for (GdfChannelHeader c : channels) {
            sum += c.bytesPerRecord();
        }
        return sum;
    }

    /** Native sampling rate of a channel. */
    public double samplingRate(int channel) {
        return duration.rate(channels.get(channel).samplesPerRecord());
    }

    /** The highest channel rate (MNE's sfreq for a GDF file). */
    public double maxSamplingRate() {
        double max = 0;
        for (int c = 0; c < channels.size(); c++) {
            max = Math.max(max, samplingRate(c));
        }
        return max;
    }

    /** Offset of the event table (or end of data). */
    public long dataEnd() {
        return headerLength + records * recordBytes();
    }
}

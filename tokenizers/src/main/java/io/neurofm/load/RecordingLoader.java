package io.neurofm.load;

import io.neurofm.dsp.Resampling;
import io.neurofm.montage.ChannelMap;
import io.neurofm.signal.bids.BidsDataset;
import io.neurofm.signal.bids.BidsFile;
import io.neurofm.signal.bids.BidsSidecars;
import io.neurofm.montage.Montage;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * File to recording as a {@link LoadSpec} asks: pick channels, read only the window, bring
 * channels of different native rates to one rate when asked (never silently), apply BIDS
 * sidecars, the user's channel map and a standard montage. Every step lands in the provenance.
 */
public final class RecordingLoader {
    private RecordingLoader() {
    }

    public static Recording load(Path file, LoadSpec spec) throws IOException {
        Recording recording;
        try (SignalFile signalFile = Readers.open(file, spec.openOptions())) {
            recording = readWindow(file, signalFile, spec);
        }
        if (spec.applyBids()) {
            Optional<BidsFile> bids = BidsDataset.locate(file);
            if (bids.isPresent()) {
                recording = BidsSidecars.apply(recording, bids.get());
            }
        }
        if (spec.resampleTo() != null && Double.compare(recording.samplingRate(), spec.resampleTo()) != 0) {
            recording = Resampling.resample(recording, spec.resampleTo());
        }
        if (spec.channelMap() != null) {
            recording = ChannelMap.load(spec.channelMap()).apply(recording);
        }
        if (spec.montage() != null) {
            recording = Montage.applyStandard(recording, spec.montage()).recording();
        }
        return recording;
    }

    private static Recording readWindow(Path file, SignalFile signalFile, LoadSpec spec) throws IOException {
        RecordingHeader header = signalFile.header();
        List<String> names = spec.channels().isEmpty() ? header.channels().stream().map(Channel::name).toList()
                : spec.channels();
        Map<Double, List<String>> byRate = new LinkedHashMap<>();
        for (String name : names) {
            int index = header.indexOf(name);
            if (index < 0) {
                throw new SignalException(file, "has no channel '" + name + "'; it has "
                        + header.channels().stream().map(Channel::name).toList());
            }
            byRate.computeIfAbsent(header.channels().get(index).samplingRate(), r -> new ArrayList<>()).add(name);
        }
        if (byRate.size() == 1) {
            double rate = byRate.keySet().iterator().next();
            return signalFile.read(window(spec, rate, names));
        }
        if (spec.resampleTo() == null) {
            throw new SignalException(file, "the selected channels have different sampling rates " + byRate.keySet()
                    + " Hz; give a common rate to resample to (--resample HZ) or select channels of one rate");
        }
        return mergeAtRate(file, signalFile, spec, byRate, names);
    }

    /** Reads each rate group, resamples it to the target rate and joins them in the requested order. */
    private static Recording mergeAtRate(Path file, SignalFile signalFile, LoadSpec spec,
                                         Map<Double, List<String>> byRate, List<String> order) throws IOException {
        double target = spec.resampleTo();
        List<Recording> groups = new ArrayList<>();
        int length = Integer.MAX_VALUE;
        for (Map.Entry<Double, List<String>> group : byRate.entrySet()) {
            Recording part = signalFile.read(window(spec, group.getKey(), group.getValue()));
            part = Resampling.resample(part, target);
            groups.add(part);
            length = Math.min(length, part.sampleCount());
        }
        List<Channel> channels = new ArrayList<>();
        float[][] samples = new float[order.size()][];
        for (int i = 0; i < order.size(); i++) {
            for (Recording part : groups) {
                int index = part.indexOf(order.get(i));
                if (index >= 0) {
                    channels.add(part.channel(index));
                    samples[i] = Arrays.copyOf(part.channelData(index), length);
                }
            }
        }
        Recording first = groups.get(0);
        List<Transform> steps = new ArrayList<>(first.provenance());
        steps.add(Transform.of("merge-rate-groups", "rates", byRate.keySet(), "rate", target, "samples", length));
        return new Recording(channels, samples, target, first.annotations(), first.ids(), first.startTime(),
                first.startSeconds(), steps);
    }

    private static ReadRequest window(LoadSpec spec, double rate, List<String> channels) {
        long start = Math.round(spec.startSeconds() * rate);
        long count = Double.isNaN(spec.durationSeconds()) ? -1 : Math.round(spec.durationSeconds() * rate);
        return new ReadRequest(start, count, channels);
    }
}

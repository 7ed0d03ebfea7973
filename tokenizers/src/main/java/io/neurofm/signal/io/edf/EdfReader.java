package io.neurofm.signal.io.edf;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads EDF, EDF+ (C and D) and BDF/BDF+ files the way MNE 1.3's {@code read_raw_edf} /
 * {@code read_raw_bdf} do with default arguments, except that channels keep their native rates.
 *
 * <p>Every non-annotation signal becomes an EEG channel (labels are not parsed for types),
 * except trigger channels, which become {@link ChannelType#STIM}: by default those whose label
 * is "status" or "trigger" ignoring case, as MNE's {@code stim_channel='auto'}.
 */
public final class EdfReader implements SignalReader {
    private static final List<String> DEFAULT_STIM_NAMES = List.of("status", "trigger");

    private final List<String> stimNames;

    /** MNE's defaults: channels called "status" or "trigger" (any case) are STIM. */
    public EdfReader() {
        this(DEFAULT_STIM_NAMES);
    }

    /**
     * Names (any case) of the channels to treat as STIM instead of the defaults, like MNE's
     * {@code stim_channel=[...]}; an empty list makes every channel EEG.
     */
    public EdfReader(List<String> stimChannelNames) {
        this.stimNames = stimChannelNames.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    @Override
    public String formatName() {
        return "EDF/BDF";
    }

    @Override
    public List<String> extensions() {
        return List.of(".edf", ".bdf");
    }

    @Override
    public EdfFile open(Path file, OpenOptions options) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            EdfHeader edf = EdfHeaderParser.parse(file, channel);
            EdfTimeline timeline = EdfAnnotationReader.read(file, channel, edf);
            List<EdfFile.DataSignal> data = dataSignals(edf);
            return new EdfFile(file, channel, edf, timeline, data, EdfFile.properties(edf, timeline, data));
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Convenience for {@code open(file, OpenOptions.DEFAULT)}. */
    public EdfFile open(Path file) throws IOException {
        return open(file, OpenOptions.DEFAULT);
    }

    private List<EdfFile.DataSignal> dataSignals(EdfHeader edf) {
        List<EdfSignal> signals = edf.signals().stream().filter(s -> !s.isAnnotation()).toList();
        List<String> names = ChannelNames.unique(signals.stream().map(EdfSignal::label).toList());
        Set<Integer> stim = stimIndices(names);
        List<EdfFile.DataSignal> out = new ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            EdfSignal s = signals.get(i);
            double rate = s.samplesPerRecord() / edf.recordDuration();
            Channel channel;
            SampleDecoder decoder;
            if (stim.contains(i)) {
                channel = new Channel(names.get(i), ChannelType.STIM, ChannelType.STIM.siUnit(), rate, null);
                decoder = new SampleDecoder(s, edf.sampleBytes(), 1,
                        edf.bdf() ? SampleDecoder.Mode.STIM_RAW : SampleDecoder.Mode.STIM_SCALED);
            } else {
                EdfUnits.Scale scale = EdfUnits.of(s.physicalDimension());
                channel = new Channel(names.get(i), ChannelType.EEG, scale.unit(), rate, null);
                decoder = new SampleDecoder(s, edf.sampleBytes(), scale.factor(), SampleDecoder.Mode.SIGNAL);
            }
            out.add(new EdfFile.DataSignal(s, channel, decoder));
        }
        return out;
    }

    /** As MNE: for each stim name, the first channel whose lower-cased name equals it. */
    private Set<Integer> stimIndices(List<String> names) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        Set<Integer> out = new HashSet<>();
        for (String stimName : stimNames) {
            int index = lower.indexOf(stimName);
            if (index >= 0) {
                out.add(index);
            }
        }
        return out;
    }
}

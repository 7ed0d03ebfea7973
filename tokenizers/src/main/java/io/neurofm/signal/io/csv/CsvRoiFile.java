package io.neurofm.signal.io.csv;

import io.neurofm.signal.io.ReadWindow;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An opened ROI table. Opening reads the file once to check its shape (header, field counts) and
 * remember where each row starts; a read parses only the rows of its window.
 */
final class CsvRoiFile implements SignalFile {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Path file;
    private final RecordingHeader header;
    private final char delimiter;
    private final boolean indexColumn;
    private final int fields;
    private final long[] rowStarts;
    private final int rows;

    private CsvRoiFile(Path file, RecordingHeader header, char delimiter, boolean indexColumn, int fields,
                       long[] rowStarts, int rows) {
        this.file = file;
        this.header = header;
        this.delimiter = delimiter;
        this.indexColumn = indexColumn;
        this.fields = fields;
        this.rowStarts = rowStarts;
        this.rows = rows;
    }

    /** What one pass over the lines learns. */
    private static final class Scan implements LineIndex.Visitor {
        private final Path file;
        String header;
        char delimiter;
        int fields;
        int rows;
        int firstBlank = -1;

        Scan(Path file) {
            this.file = file;
        }

        @Override
        public void line(String text, int lineNo, long offset) throws SignalFormatException {
            if (lineNo == 1) {
                header = text;
                if (text.isBlank()) {
                    throw new SignalFormatException(file, "line 1", 0, "a header row of ROI names", "an empty line");
                }
                return;
            }
            if (text.isBlank()) {
                if (firstBlank < 0) {
                    firstBlank = lineNo;
                }
                return;
            }
            if (firstBlank > 0) {
                throw new SignalFormatException(file, "line " + firstBlank, -1, "a row of numbers (empty lines may"
                        + " only end the file)", "an empty line before line " + lineNo);
            }
            if (lineNo == 2) {
                delimiter = Delimiter.detect(file, header, text);
                fields = CsvLine.count(header, delimiter);
                if (fields < 0) {
                    throw new SignalFormatException(file, "line 1", 0, "balanced quotes", "an unterminated quote");
                }
            }
            int n = CsvLine.count(text, delimiter);
            if (n != fields) {
                throw new SignalFormatException(file, "line " + lineNo, offset,
                        fields + " fields like the header (" + Delimiter.name(delimiter) + "-separated)",
                        n < 0 ? "an unterminated quote" : n + " fields");
            }
            rows++;
        }
    }

    static CsvRoiFile open(Path file, OpenOptions options) throws IOException {
        if (options.samplingRate() == null) {
            throw new SignalException(file, "a CSV ROI table does not state its repetition time; open it with"
                    + " OpenOptions.withRepetitionTime(trSeconds)");
        }
        double rate = options.samplingRate();
        Scan scan = new Scan(file);
        long[] starts = LineIndex.scan(file, scan);
        if (scan.header == null) {
            throw new SignalFormatException(file, null, 0, "a header row of ROI names and rows of numbers",
                    "an empty file");
        }
        if (scan.rows == 0) {
            throw new SignalFormatException(file, "line 2", -1, "at least one row of numbers after the header",
                    "none");
        }
        List<CsvLine.Field> names = CsvLine.split(file, scan.header, scan.delimiter, 1, 0);
        // pandas writes its index as a first column with an empty name
        boolean indexColumn = names.size() > 1 && names.get(0).text().isEmpty() && !names.get(0).quoted();
        List<Channel> channels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = indexColumn ? 1 : 0; i < names.size(); i++) {
            String name = names.get(i).text();
            if (name.isBlank() || !seen.add(name)) {
                throw new SignalFormatException(file, "line 1 column " + (i + 1), 0, "a unique, non-empty ROI name",
                        "\"" + name + "\"");
            }
            channels.add(new Channel(name, ChannelType.FMRI_ROI, ChannelType.FMRI_ROI.siUnit(), rate, null));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("delimiter", Delimiter.name(scan.delimiter));
        properties.put("indexColumn", String.valueOf(indexColumn));
        properties.put("repetitionTime", String.valueOf(1 / rate));
        RecordingHeader header = new RecordingHeader(file, CsvRoiReader.FORMAT, channels,
                Collections.nCopies(channels.size(), (long) scan.rows), List.of(), RecordingIds.NONE, null, properties);
        return new CsvRoiFile(file, header, scan.delimiter, indexColumn, scan.fields, starts, scan.rows);
    }

    @Override
    public RecordingHeader header() {
        return header;
    }

    @Override
    public Recording read(ReadRequest request) throws IOException {
        ReadWindow w = ReadWindow.of(header, rows, request);
        int first = (int) w.start();
        // data row r is line r + 2, which starts at rowStarts[r + 1]
        long from = rowStarts[first + 1];
        long to = rowStarts[first + 1 + w.count()];
        if (to - from > Integer.MAX_VALUE - 8) {
            throw new SignalException(file, "window spans " + (to - from) + " bytes of text; read it in pieces");
        }
        byte[] text = new byte[(int) (to - from)];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, from + buffer.position()) < 0) {
                    throw new SignalFormatException(file, null, from + buffer.position(),
                            "the file as long as when it was opened", "it ends here");
                }
            }
        }
        float[][] out = new float[w.channels().length][w.count()];
        int[] column = new int[w.channels().length];
        for (int k = 0; k < column.length; k++) {
            column[k] = w.channels()[k] + (indexColumn ? 1 : 0);
        }
        for (int r = 0; r < w.count(); r++) {
            int start = (int) (rowStarts[first + 1 + r] - from);
            int end = (int) (rowStarts[first + 2 + r] - from);
            int lineNo = first + r + 2;
            long offset = from + start;
            String line = LineIndex.decode(file, Arrays.copyOfRange(text, start,
                    end > start && text[end - 1] == '\n' ? end - 1 : end), false, lineNo, offset);
            List<CsvLine.Field> cells = CsvLine.split(file, line, delimiter, lineNo, offset);
            if (cells.size() != fields) {
                throw new SignalFormatException(file, "line " + lineNo, offset, fields + " fields",
                        cells.size() + " fields (the file changed since it was opened)");
            }
            for (int k = 0; k < column.length; k++) {
                out[k][r] = number(cells.get(column[k]), lineNo, column[k], offset);
            }
        }
        List<Channel> channels = new ArrayList<>();
        for (int c : w.channels()) {
            channels.add(header.channels().get(c));
        }
        double rate = channels.isEmpty() ? header.channels().get(0).samplingRate() : channels.get(0).samplingRate();
        Transform step = w.provenance(file.getFileName().toString(), CsvRoiReader.FORMAT,
                channels.stream().map(Channel::name).toList(), "samplingRate", rate);
        return new Recording(channels, out, rate, List.of(), RecordingIds.NONE, null, w.start() / rate, List.of(step));
    }

    /** A decimal number (quoted or not) or "nan" for a missing value; anything else names its line, column and ROI. */
    private float number(CsvLine.Field cell, int lineNo, int column, long lineOffset) throws SignalFormatException {
        String t = cell.text().strip();
        if (NUMBER.matcher(t).matches()) {
            float v = (float) Double.parseDouble(t);
            if (Float.isFinite(v)) {
                return v;
            }
        }
        if (t.equalsIgnoreCase("nan")) {
            return Float.NaN;
        }
        String roi = header.channels().get(column - (indexColumn ? 1 : 0)).name();
        throw new SignalFormatException(file, "line " + lineNo + " column " + (column + 1) + " (" + roi + ")",
                lineOffset + cell.position(), "a number within float32 range", "\"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"");
    }

    @Override
    public void close() {
        // nothing is held open between reads
    }
}

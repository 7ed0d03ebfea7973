package io.neurofm.signal.io.edf;

import io.neurofm.signal.SignalFormatException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start date and time of an EDF/BDF file.
 *
 * <p>The header's "dd.mm.yy" date has a two-digit year, read with the EDF clipping rule: 85-99
 * are 1985-1999 and 00-84 are 2000-2084. An EDF+ recording field "Startdate dd-MMM-yyyy ..."
 * carries all four digits and wins when it parses, as in MNE (which takes the second of exactly
 * five space-separated subfields). A well-formed but impossible date (e.g. 00.00.00 from an
 * anonymiser) gives null rather than an error, as MNE does.
 */
final class EdfStartTime {
    private static final Pattern HEADER_TRIPLE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{1,2})");
    private static final Pattern PLUS_DATE = Pattern.compile("(\\d{1,2})-([A-Za-z]{3})-(\\d{4})");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");

    private EdfStartTime() {
    }

    static final int DATE_OFFSET = 168;
    static final int TIME_OFFSET = 176;

    static LocalDateTime parse(HeaderFields fields, String recordingField) throws SignalFormatException {
        int[] date = triple(fields, "startdate of recording", DATE_OFFSET, "dd.mm.yy");
        int[] time = triple(fields, "starttime of recording", TIME_OFFSET, "hh.mm.ss");
        int year = date[2] < 85 ? 2000 + date[2] : 1900 + date[2];
        int month = date[1];
        int day = date[0];
        LocalDate fromRecording = recordingStartdate(recordingField);
        if (fromRecording != null) {
            year = fromRecording.getYear();
            month = fromRecording.getMonthValue();
            day = fromRecording.getDayOfMonth();
        }
        try {
            return LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(time[0], time[1], time[2]));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int[] triple(HeaderFields fields, String field, int offset, String shape)
            throws SignalFormatException {
        String text = fields.text(field, offset, 8);
        Matcher m = HEADER_TRIPLE.matcher(text);
        if (!m.matches()) {
            throw new SignalFormatException(fields.file(), field, offset, "\"" + shape + "\"", HeaderFields.quote(text));
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** The EDF+ "Startdate dd-MMM-yyyy" date, or null when the field does not have one. */
    static LocalDate recordingStartdate(String recordingField) {
        String[] parts = recordingField.stripTrailing().split(" ", -1);
        if (parts.length != 5) {
            return null;
        }
        Matcher m = PLUS_DATE.matcher(parts[1]);
        if (!m.matches()) {
            return null;
        }
        int month = MONTHS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        if (month == 0) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}

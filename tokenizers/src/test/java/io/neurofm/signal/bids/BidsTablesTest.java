package io.neurofm.signal.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TSV and JSON sidecar parsing: n/a handling and errors naming file, line and column. */
class BidsTablesTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private SignalFormatException refused(Path file, ThrowingRead read, String... fragments) {
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> read.run(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
        return e;
    }

    interface ThrowingRead {
        void run(Path file) throws IOException;
    }

    @Test
    void tsvCellsAndMissingValues() throws IOException {
        TsvTable t = TsvTable.read(write("a.tsv", "\uFEFFname\tx\r\n\r\nA\tn/a\r\nB\t\r\nC\t1.5e-3\r\n"));
        assertEquals(List.of("name", "x"), t.columns());
        assertEquals(3, t.rowCount());
        assertEquals(3, t.line(0), "line numbers count the blank line");
        assertNull(t.number(0, "x"));
        assertNull(t.number(1, "x"), "an empty cell reads as missing");
        assertEquals(1.5e-3, t.number(2, "x"));
        assertNull(t.text(0, "absent"));
    }

    @Test
    void tsvErrorsNameLineAndColumn() throws IOException {
        refused(write("cells.tsv", "a\tb\n1\t2\n3\n"), TsvTable::read, "line 3", "2 tab-separated cells", "got 1");
        refused(write("dup.tsv", "a\ta\n"), TsvTable::read, "line 1, column 2", "\"a\" a second time");
        refused(write("empty.tsv", "\n\n"), TsvTable::read, "line 1");
        Files.write(tmp.resolve("latin.tsv"), new byte[] {'a', '\n', (byte) 0xE9, '\n'});
        refused(tmp.resolve("latin.tsv"), TsvTable::read, "UTF-8");
        TsvTable t = TsvTable.read(write("num.tsv", "name\tx\nA\t1,5\nB\tinf\n"));
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> t.number(0, "x"));
        assertTrue(e.getMessage().contains("line 2, column 2 (x)") && e.getMessage().contains("\"1,5\""),
                e.getMessage());
        assertThrows(SignalFormatException.class, () -> t.number(1, "x"));
        e = assertThrows(SignalFormatException.class, () -> t.require("name", "y"));
        assertTrue(e.getMessage().contains("\"y\"") && e.getMessage().contains("[name, x]"), e.getMessage());
    }

    @Test
    void channelsTable() throws IOException {
        ChannelsTsv c = ChannelsTsv.read(write("ok_channels.tsv",
                "name\ttype\tunits\tstatus\nMEG0111\tMEGGRADPLANAR\tfT/cm\tgood\nMEG0113\tMEGMAG\tfT\tn/a\n"
                        + "SEEG1\tSEEG\tµV\tbad\nX\tGSR\tuS\tgood\n"));
        assertEquals(List.of(ChannelType.MEG_GRAD, ChannelType.MEG_MAG, ChannelType.EEG, ChannelType.MISC),
                c.rows().stream().map(ChannelsTsv.Row::type).toList());
        assertEquals(List.of("SEEG1"), c.bad());
        assertEquals(3, c.row("MEG0113").line());

        refused(write("t_channels.tsv", "name\ttype\tunits\nA\tBRAIN\tV\n"), ChannelsTsv::read,
                "line 2, column 2 (type)", "\"BRAIN\"");
        refused(write("u_channels.tsv", "name\ttype\tunits\nA\tEEG\tfT\n"), ChannelsTsv::read,
                "line 2, column 3 (units)", "\"fT\"");
        refused(write("s_channels.tsv", "name\ttype\tunits\tstatus\nA\tEEG\tV\tok\n"), ChannelsTsv::read,
                "line 2, column 4 (status)");
        refused(write("d_channels.tsv", "name\ttype\tunits\nA\tEEG\tV\nA\tEOG\tV\n"), ChannelsTsv::read,
                "line 3", "also on line 2");
        refused(write("r_channels.tsv", "name\ttype\nA\tEEG\n"), ChannelsTsv::read, "\"units\"");
        refused(write("f_channels.tsv", "name\ttype\tunits\tsampling_frequency\nA\tEEG\tV\t0\n"), ChannelsTsv::read,
                "line 2, column 4 (sampling_frequency)");
        refused(write("n_channels.tsv", "name\ttype\tunits\nn/a\tEEG\tV\n"), ChannelsTsv::read,
                "line 2, column 1 (name)");
    }

    @Test
    void electrodesAndCoordinateUnits() throws IOException {
        Path cm = write("cm_coordsystem.json", "{\"EEGCoordinateSystem\": \"EEGLAB\", \"EEGCoordinateUnits\": \"cm\"}");
        CoordinateSystem cs = CoordinateSystem.read(cm, "eeg");
        assertEquals(0.01, cs.metresPerUnit());
        assertEquals("EEGLAB", cs.system());
        ElectrodesTsv e = ElectrodesTsv.read(write("a_electrodes.tsv", "name\tx\ty\tz\nA\t1\t-2\t3\nB\tn/a\tn/a\tn/a\n"),
                cs);
        assertEquals(new Position(0.01, -0.02, 0.03), e.positions().get("A"));
        assertNull(e.positions().get("B"));
        Path ieeg = write("i_coordsystem.json", "{\"iEEGCoordinateSystem\": \"ACPC\", \"iEEGCoordinateUnits\": \"m\"}");
        assertEquals(1.0, CoordinateSystem.read(ieeg, "ieeg").metresPerUnit());

        refused(write("p_electrodes.tsv", "name\tx\ty\tz\nA\t1\tn/a\t3\n"), f -> ElectrodesTsv.read(f, cs),
                "line 2, column 3 (y)");
        refused(write("px_coordsystem.json", "{\"EEGCoordinateUnits\": \"pixels\"}"),
                f -> CoordinateSystem.read(f, "eeg"), "EEGCoordinateUnits", "\"pixels\"");
        refused(ieeg, f -> CoordinateSystem.read(f, "eeg"), "EEGCoordinateUnits", "no such key");
        refused(write("bad_coordsystem.json", "{\"EEGCoordinateUnits\": "), f -> CoordinateSystem.read(f, "eeg"),
                "JSON");
        refused(write("arr_coordsystem.json", "[1, 2]"), f -> CoordinateSystem.read(f, "eeg"), "a JSON object");
    }

    @Test
    void eventsTable() throws IOException {
        refused(write("o_events.tsv", "onset\tduration\nn/a\t0\n"), EventsTsv::read, "line 2, column 1 (onset)");
        refused(write("d_events.tsv", "onset\tduration\n1\t-1\n"), EventsTsv::read, "line 2, column 2 (duration)");
        refused(write("c_events.tsv", "onset\ttrial_type\n1\tgo\n"), EventsTsv::read, "\"duration\"");
        EventsTsv ev = EventsTsv.read(write("v_events.tsv", "onset\tduration\tvalue\n1\t0\t0x10\n2\t0\t-3\n3\tn/a\tn/a\n"));
        assertEquals("0x10", ev.events().get(0).description());
        assertTrue(ev.events().get(0).code().isEmpty());
        assertEquals(-3, ev.events().get(1).code().getAsInt());
        assertEquals("", ev.events().get(2).description());
    }

    @Test
    void jsonNumbers() throws IOException {
        SidecarJson j = SidecarJson.merge(List.of(
                write("a_eeg.json", "{\"SamplingFrequency\": 256, \"PowerLineFrequency\": \"n/a\"}"),
                write("b_eeg.json", "{\"RepetitionTime\": \"fast\"}")));
        assertEquals(256.0, j.samplingFrequency());
        assertNull(j.powerLineFrequency());
        SignalFormatException e = assertThrows(SignalFormatException.class, j::repetitionTime);
        assertTrue(e.getMessage().contains("b_eeg.json") && e.getMessage().contains("RepetitionTime"), e.getMessage());
    }
}

package io.neurofm.cli;

import io.neurofm.signal.bids.BidsDataset;
import io.neurofm.signal.bids.BidsFile;
import java.io.PrintWriter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Lists a BIDS dataset's recordings (and the files it skipped, with why) for {@code inspect DIR}. */
final class BidsReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BidsReport() {
    }

    static void print(BidsDataset dataset, boolean json, PrintWriter out) {
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("root", dataset.root().toString());
            ArrayNode recordings = root.putArray("recordings");
            for (BidsFile f : dataset.recordings()) {
                ObjectNode node = recordings.addObject();
                node.put("path", f.relativePath());
                node.put("subject", f.subject());
                node.put("session", f.session());
                node.put("task", f.task());
                node.put("run", f.run());
                node.put("suffix", f.suffix());
            }
            ArrayNode skipped = root.putArray("skipped");
            dataset.skipped().forEach(s -> skipped.addObject().put("path", s.path().toString()).put("reason", s.reason()));
            out.println(JSON.writeValueAsString(root));
        } else {
            out.printf("BIDS dataset %s: %d recordings, %d subjects%n", dataset.root(), dataset.recordings().size(),
                    dataset.subjects().size());
            out.printf("  %-8s %-8s %-12s %-5s %-5s  %s%n", "subject", "session", "task", "run", "kind", "file");
            for (BidsFile f : dataset.recordings()) {
                out.printf("  %-8s %-8s %-12s %-5s %-5s  %s%n", f.subject(), dash(f.session()), dash(f.task()),
                        dash(f.run()), f.suffix(), f.relativePath());
            }
            if (!dataset.skipped().isEmpty()) {
                out.println("skipped");
                dataset.skipped().forEach(s -> out.printf("  %s: %s%n", s.path(), s.reason()));
            }
        }
        out.flush();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}

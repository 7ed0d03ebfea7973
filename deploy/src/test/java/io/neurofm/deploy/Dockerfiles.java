package io.neurofm.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Dockerfile as its instructions: comments dropped, continuation lines joined. */
record Dockerfiles(Path file, List<Instruction> instructions) {
    record Instruction(String keyword, String rest) {
    }

    static Dockerfiles read(Path file) throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String all = pending.toString().strip();
            pending.setLength(0);
            int space = all.indexOf(' ');
            out.add(new Instruction(all.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                    all.substring(space + 1).strip()));
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException(file + ": ends inside a continued line");
        }
        return new Dockerfiles(file, out);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::rest).toList();
    }

    /** The last value of {@code keyword} (the one in force in the final stage). */
    String last(String keyword) {
        List<String> values = all(keyword);
        if (values.isEmpty()) {
            throw new AssertionError(file + " has no " + keyword);
        }
        return values.get(values.size() - 1);
    }

    /** Instructions after the last FROM: the final image. */
    List<Instruction> finalStage() {
        int start = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                start = i;
            }
        }
        return instructions.subList(start, instructions.size());
    }
}

package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One block of the FIF block tree (FIFF_BLOCK_START ... FIFF_BLOCK_END): its kind, the tags
 * directly inside it in file order, and its sub-blocks.
 *
 * @param block 0 for the file's root
 */
record FifNode(int block, List<TagHeader> tags, List<FifNode> children) {
    /** Real files nest a handful of levels; anything deeper is corruption, not data. */
    static final int MAX_DEPTH = 64;

    static FifNode build(List<TagHeader> directory, TagReader reader) throws IOException {
        Deque<Builder> open = new ArrayDeque<>();
        Builder root = new Builder(0);
        open.push(root);
        for (TagHeader tag : directory) {
            if (tag.kind() == Fiff.BLOCK_START) {
                if (open.size() > MAX_DEPTH) {
                    throw new SignalFormatException(reader.file(), "FIFF_BLOCK_START", tag.pos(),
                            "blocks nested at most " + MAX_DEPTH + " deep", "deeper nesting");
                }
                int kind = reader.readInt(tag, "FIFF_BLOCK_START");
                Builder child = new Builder(kind);
                open.peek().children.add(child);
                open.push(child);
            } else if (tag.kind() == Fiff.BLOCK_END) {
                if (open.size() == 1) {
                    throw new SignalFormatException(reader.file(), "FIFF_BLOCK_END", tag.pos(),
                            "a FIFF_BLOCK_END closing an open block", "no open block");
                }
                open.pop();
            } else {
                open.peek().tags.add(tag);
            }
        }
        // Blocks left open at the end (a file cut short while being written) end with the file.
        return root.freeze();
    }

    /** This node and every node below it of the given block kind, depth first (MNE's dir_tree_find). */
    List<FifNode> findAll(int kind) {
        List<FifNode> found = new ArrayList<>();
        collect(kind, found);
        return found;
    }

    private void collect(int kind, List<FifNode> found) {
        if (block == kind) {
            found.add(this);
        }
        for (FifNode child : children) {
            child.collect(kind, found);
        }
    }

    /** The first tag of this kind directly in this block, or null. */
    TagHeader first(int kind) {
        for (TagHeader tag : tags) {
            if (tag.kind() == kind) {
                return tag;
            }
        }
        return null;
    }

    private static final class Builder {
        final int block;
        final List<TagHeader> tags = new ArrayList<>();
        final List<Builder> children = new ArrayList<>();

        Builder(int block) {
            this.block = block;
        }

        FifNode freeze() {
            List<FifNode> frozen = new ArrayList<>(children.size());
            for (Builder child : children) {
                frozen.add(child.freeze());
            }
            return new FifNode(block, List.copyOf(tags), List.copyOf(frozen));
        }
    }
}

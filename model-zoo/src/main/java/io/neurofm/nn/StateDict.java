package io.neurofm.nn;

import io.neurofm.tensor.Safetensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A block's parameters under PyTorch state_dict names, saved to and loaded from safetensors.
 *
 * <p>A name is the path of child names joined with '.', then the parameter's own name, e.g.
 * {@code layers.0.self_attn.out_proj.weight}. DJL stores a child as "NNname" (a two-digit
 * registration number before the name); the number is dropped, so our blocks, which register
 * children under their PyTorch attribute names, produce exactly the keys of the equivalent PyTorch
 * module. Order is registration order, which our blocks keep equal to PyTorch's.
 */
public final class StateDict {
    /** Written into __metadata__ so a file says what produced it. */
    public static final Map<String, String> METADATA = Map.of("format", "pt", "producer", "neurofm");

    private StateDict() {}

    /** Every parameter of {@code block} under its PyTorch-style name. */
    public static LinkedHashMap<String, Parameter> parameters(Block block) {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        collect(block, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            put(out, prefix + p.getKey(), p.getValue());
        }
        BlockList children = block.getChildren();
        for (int i = 0; i < children.size(); i++) {
            String name = stripNumber(children.get(i).getKey(), i);
            collect(children.get(i).getValue(), prefix + name + ".", out);
        }
    }

    private static void put(Map<String, Parameter> out, String name, Parameter p) {
        if (out.put(name, p) != null) {
            throw new IllegalStateException("two parameters share the name " + name);
        }
    }

    private static String stripNumber(String childKey, int index) {
        String number = String.format(Locale.ROOT, "%02d", index + 1);
        return childKey.startsWith(number) ? childKey.substring(number.length()) : childKey;
    }

    /** Saves every parameter of an initialised block. */
    public static void save(Block block, Path file) throws IOException {
        LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
        parameters(block).forEach((name, p) -> tensors.put(name, requireInitialised(name, p)));
        Safetensors.write(file, tensors, METADATA);
    }

    /** Loads a file written by {@link #save} or by PyTorch into an initialised block (strict). */
    public static void load(Block block, Path file) throws IOException {
        NDManager owner = anyArray(block).getManager();
        try (NDManager scratch = owner.newSubManager()) {
            load(block, Safetensors.read(file, scratch));
        }
    }

    /**
     * Copies {@code tensors} into the parameters of an initialised block. Like PyTorch's strict
     * {@code load_state_dict}: every parameter must be present with the same shape and no extra
     * names are allowed; all problems are reported together and nothing is changed if there are
     * any. Floating-point tensors are converted to the parameter's type (e.g. an F32 checkpoint
     * into an F64 block).
     */
    public static void load(Block block, Map<String, NDArray> tensors) {
        LinkedHashMap<String, Parameter> params = parameters(block);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray source = tensors.get(e.getKey());
            NDArray target = requireInitialised(e.getKey(), e.getValue());
            if (source == null) {
                problems.add("missing " + e.getKey() + " " + target.getShape());
            } else if (!source.getShape().equals(target.getShape())) {
                problems.add(e.getKey() + ": shape " + source.getShape() + " in the file, "
                        + target.getShape() + " in the block");
            } else if (source.getDataType() != target.getDataType()
                    && !(source.getDataType().isFloating() && target.getDataType().isFloating())) {
                problems.add(e.getKey() + ": type " + source.getDataType() + " in the file, "
                        + target.getDataType() + " in the block");
            }
        }
        for (String name : tensors.keySet()) {
            if (!params.containsKey(name)) {
                problems.add("unexpected " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("state dict does not match the block: "
                    + String.join("; ", problems));
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray target = e.getValue().getArray();
            NDArray source = tensors.get(e.getKey());
            DataType type = target.getDataType();
            NDArray converted = source.getDataType() == type ? source : source.toType(type, false);
            // set() copies into the parameter's own storage, outside autograd, so gradient
            // tracking and anything holding the parameter array stay valid.
            target.set(converted.toByteBuffer());
            if (converted != source) {
                converted.close();
            }
        }
    }

    private static NDArray requireInitialised(String name, Parameter p) {
        if (!p.isInitialized()) {
            throw new IllegalStateException(
                    "parameter " + name + " is not initialised; call block.initialize first");
        }
        return p.getArray();
    }

    private static NDArray anyArray(Block block) {
        Map.Entry<String, Parameter> first = parameters(block).entrySet().stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("block has no parameters"));
        return requireInitialised(first.getKey(), first.getValue());
    }
}

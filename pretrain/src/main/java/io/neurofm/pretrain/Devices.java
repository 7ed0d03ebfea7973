package io.neurofm.pretrain;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code --devices} list: {@code cpu}, {@code gpu0} or {@code gpu0,gpu1,...} (one replica each). */
public final class Devices {
    private Devices() {
    }

    /**
     * Parses the list and checks each GPU exists.
     *
     * @param gpuCount GPUs the engine sees ({@code Engine.getInstance().getGpuCount()})
     */
    public static List<Device> parse(String spec, int gpuCount) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--devices is empty; expected cpu, gpu0 or gpu0,gpu1");
        }
        List<Device> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : spec.split(",", -1)) {
            String name = raw.strip().toLowerCase(java.util.Locale.ROOT);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("device " + name + " is listed twice in --devices " + spec);
            }
            if (name.equals("cpu")) {
                out.add(Device.cpu());
            } else if (name.matches("gpu\\d{1,3}")) {
                int index = Integer.parseInt(name.substring(3));
                if (index >= gpuCount) {
                    throw new IllegalArgumentException("--devices names " + name + " but the engine sees "
                            + (gpuCount == 0 ? "no GPU" : gpuCount + " GPU(s), gpu0..gpu" + (gpuCount - 1))
                            + "; use --devices cpu");
                }
                out.add(Device.gpu(index));
            } else {
                throw new IllegalArgumentException("unknown device \"" + raw.strip() + "\" in --devices " + spec
                        + "; expected cpu, gpu0 or gpu0,gpu1");
            }
        }
        if (out.size() > 1 && out.contains(Device.cpu())) {
            throw new IllegalArgumentException("--devices " + spec + " mixes cpu and GPUs; use cpu alone or GPUs only");
        }
        return out;
    }
}

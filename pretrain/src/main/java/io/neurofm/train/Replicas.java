package io.neurofm.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data parallelism over replicas of one model. Replica 0 is the model itself (its parameters, on
 * the device it was initialised on, are the master copy the optimizer updates); replica r > 0 holds
 * a copy of every parameter on device r, with its own gradient. After the replicas' backward passes
 * {@link #reduceGradients} adds each copy's gradient into the master gradient (copying it to device
 * 0 first), the caller steps the optimizer once, and {@link #broadcast} replaces the copies with
 * the updated master values.
 *
 * <p>Replicas are addressed by index, not by device, so the same code runs two replicas on one CPU
 * (how it is tested) and one replica per GPU ({@code gpu0, gpu1}). Each replica's forward and
 * backward run on the calling thread one after the other; on GPUs the launches are asynchronous,
 * so the devices overlap as long as nothing syncs in between.
 */
public final class Replicas implements AutoCloseable {
    private final List<Parameter> parameters;
    private final List<Device> devices;
    private final List<NDManager> managers = new ArrayList<>();
    private final List<List<NDArray>> copies = new ArrayList<>();
    private final List<ReplicaStore> stores = new ArrayList<>();

    /** {@code devices.get(0)} must be the device the parameters live on. */
    public Replicas(LinkedHashMap<String, Parameter> parameters, List<Device> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("need at least one device");
        }
        this.parameters = new ArrayList<>(parameters.values());
        this.devices = List.copyOf(devices);
        NDArray first = this.parameters.get(0).getArray();
        if (!first.getDevice().equals(devices.get(0))) {
            throw new IllegalArgumentException("the model lives on " + first.getDevice()
                    + " but the first device is " + devices.get(0));
        }
        List<NDArray> master = new ArrayList<>();
        for (Parameter p : this.parameters) {
            master.add(p.getArray());
        }
        managers.add(first.getManager());
        copies.add(master);
        for (int r = 1; r < devices.size(); r++) {
            NDManager manager = first.getManager().newSubManager(devices.get(r));
            managers.add(manager);
            copies.add(copyOfMaster(r, manager));
        }
        for (int r = 0; r < devices.size(); r++) {
            stores.add(new ReplicaStore(managers.get(r), this.parameters, copies.get(r)));
        }
    }

    public int size() {
        return devices.size();
    }

    public Device device(int replica) {
        return devices.get(replica);
    }

    /** A manager on the replica's device (batches for it are made in sub-managers of this). */
    public NDManager manager(int replica) {
        return managers.get(replica);
    }

    /** The parameter values replica {@code replica}'s forward pass must use. */
    public ParameterStore store(int replica) {
        return stores.get(replica);
    }

    /** Adds every replica's gradients into the master gradients (the sum; the optimizer averages). */
    public void reduceGradients() {
        for (int r = 1; r < copies.size(); r++) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray master = copies.get(0).get(i);
                try (NDArray total = master.getGradient(); NDArray part = copies.get(r).get(i).getGradient()) {
                    if (part.getDevice().equals(total.getDevice())) {
                        total.addi(part);
                    } else {
                        try (NDArray moved = part.toDevice(total.getDevice(), true)) {
                            total.addi(moved);
                        }
                    }
                }
            }
        }
    }

    /** Replaces every copy with the current master values (fresh arrays, so old gradients go too). */
    public void broadcast() {
        for (int r = 1; r < copies.size(); r++) {
            List<NDArray> fresh = copyOfMaster(r, managers.get(r));
            copies.get(r).forEach(NDArray::close);
            copies.get(r).clear();
            copies.get(r).addAll(fresh);
        }
        stores.forEach(ReplicaStore::dropFrozenCopies);
    }

    private List<NDArray> copyOfMaster(int replica, NDManager manager) {
        List<NDArray> out = new ArrayList<>();
        for (Parameter p : parameters) {
            NDArray master = p.getArray();
            // duplicate() is a real copy; toDevice(same device, true) may alias in libtorch.
            NDArray copy = master.getDevice().equals(devices.get(replica))
                    ? master.duplicate() : master.toDevice(devices.get(replica), true);
            copy.attach(manager);
            copy.setRequiresGradient(true);
            out.add(copy);
        }
        return out;
    }

    @Override
    public void close() {
        for (int r = 1; r < managers.size(); r++) {
            managers.get(r).close();
        }
    }

    /**
     * A parameter store that answers with one replica's arrays, whatever device is asked for.
     * Parameters the optimizer does not train (a frozen encoder, an EMA target) are read from the
     * model as they are, copied to the replica's device when it is another; those copies are
     * dropped at every {@link #broadcast}, since such parameters may change between steps.
     */
    private static final class ReplicaStore extends ParameterStore {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<NDArray> arrays;
        private final NDManager manager;
        private final Map<String, NDArray> frozen = new HashMap<>();

        ReplicaStore(NDManager manager, List<Parameter> parameters, List<NDArray> arrays) {
            super(manager, false);
            this.manager = manager;
            for (int i = 0; i < parameters.size(); i++) {
                index.put(parameters.get(i).getId(), i);
            }
            this.arrays = arrays;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (parameter == null) {
                return null;
            }
            Integer i = index.get(parameter.getId());
            if (i != null) {
                return arrays.get(i);
            }
            NDArray value = parameter.getArray();
            if (value.getDevice().equals(manager.getDevice())) {
                return value;
            }
            return frozen.computeIfAbsent(parameter.getId(), id -> {
                NDArray copy = value.toDevice(manager.getDevice(), true);
                copy.attach(manager);
                return copy;
            });
        }

        void dropFrozenCopies() {
            frozen.values().forEach(NDArray::close);
            frozen.clear();
        }
    }
}

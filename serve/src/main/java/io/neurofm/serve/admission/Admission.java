package io.neurofm.serve.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.neurofm.serve.ServeSettings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded counts of inference requests in flight (admitted, not yet answered), one per pool: one
 * pool per model for {@code /v2/models/NAME/infer}, and one pool {@link #V1} shared by the
 * {@code /v1/embeddings} endpoints (their model is named inside the body, which admission must not
 * read). Each pool admits {@link #limit()} requests, by default the model queue's capacity: every
 * admitted request then fits in the queue even before a worker has taken the one it is running, so
 * the queue's own 503 (after parsing and preprocessing) stays a backstop for the rare case of /v1 and
 * v2 traffic for the same model together exceeding it. ({@code queue + workers x batch size} looks
 * like the natural bound but races with the worker's dequeue: between two passes the queue is asked
 * to hold every admitted request.)
 */
public final class Admission {
    /** The pool of the /v1 endpoints. */
    public static final String V1 = "v1";
    public static final String IN_FLIGHT = "neurofm.admission.in_flight";
    public static final String REJECTIONS = "neurofm.rejections";

    private final int limit;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Pool> pools = new ConcurrentHashMap<>();

    public Admission(int limit, MeterRegistry registry) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.registry = registry;
    }

    /** {@code neurofm.max-in-flight} if set, else the model queue's capacity ({@code neurofm.queue}). */
    public static int limit(ServeSettings s) {
        return s.maxInFlight() > 0 ? s.maxInFlight() : s.queue();
    }

    public int limit() {
        return limit;
    }

    /** Requests of {@code pool} admitted and not yet released. */
    public int inFlight(String pool) {
        Pool p = pools.get(pool);
        return p == null ? 0 : p.count.get();
    }

    /**
     * Admits one request into {@code pool}, or returns null (and counts the rejection) when the pool
     * is full. The ticket must be released exactly once; releasing again does nothing.
     */
    public Ticket tryAdmit(String pool) {
        Pool p = pools.computeIfAbsent(pool, this::newPool);
        while (true) {
            int n = p.count.get();
            if (n >= limit) {
                p.rejected.increment();
                return null;
            }
            if (p.count.compareAndSet(n, n + 1)) {
                return new Ticket(p);
            }
        }
    }

    private Pool newPool(String name) {
        AtomicInteger count = new AtomicInteger();
        Gauge.builder(IN_FLIGHT, count, AtomicInteger::get)
                .description("inference requests admitted and not yet answered").tag("pool", name)
                .register(registry);
        Counter rejected = Counter.builder(REJECTIONS).description("requests refused with 503")
                .tag("model", name).tag("reason", "admission").register(registry);
        return new Pool(count, rejected);
    }

    private record Pool(AtomicInteger count, Counter rejected) {}

    /** One admitted request's place; {@link #release()} is idempotent (it may be called from a filter and an async listener). */
    public static final class Ticket {
        private final Pool pool;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(Pool pool) {
            this.pool = pool;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                pool.count.decrementAndGet();
            }
        }
    }
}

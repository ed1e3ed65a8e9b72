package io.sentiflow.swap;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model one parallel scoring instance uses, and the hot swap to newer versions.
 *
 * <p>New versions load on a single background thread, off the scoring path: {@link #request}
 * only queues the load. A loaded version waits as "ready" until the scoring thread calls {@link
 * #acquire()} for its next batch, so a switch always falls between two batches. A replaced model
 * is closed when its last lease is released, that is after its last in-flight batch. A version
 * whose load fails (checksum, dimensions, labels, warm-up) is refused: the current model stays,
 * and {@link Listener#refused} says why.
 *
 * <p>Thread safety: {@link #request}, {@link #acquire()} and {@link #close()} may be called from
 * any thread (the operator calls them from its mailbox thread); the loader thread is internal.
 * The swapper owns every model it loaded and closes each exactly once: on replacement, when
 * superseded before use, or in {@link #close()}.
 *
 * @param <M> the model type
 */
public final class ModelSwapper<M extends AutoCloseable> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSwapper.class);

    /** A model loader may block for seconds; this bounds how long closing waits for it. */
    private static final Duration LOADER_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /** Loads, verifies and warms up a version; throws if any check fails. */
    @FunctionalInterface
    public interface Loader<M> {
        M load(ModelPointer pointer) throws Exception;
    }

    /** Hears about swaps and refusals; called on the thread that caused them, keep it cheap. */
    public interface Listener {
        void swapped(ModelPointer from, ModelPointer to);

        void refused(ModelPointer pointer, Exception reason);
    }

    private final Loader<M> loader;
    private final Listener listener;
    private final ExecutorService loaderThread;
    private final Object lock = new Object();

    // All guarded by lock.
    private Slot<M> active;
    private Slot<M> ready;
    private ModelPointer target;
    private boolean closed;

    private ModelSwapper(Slot<M> active, Loader<M> loader, Listener listener, String threadName) {
        this.active = active;
        this.target = active.pointer;
        this.loader = loader;
        this.listener = listener;
        this.loaderThread =
                Executors.newSingleThreadExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /**
     * Loads {@code initial} on the calling thread (a job cannot score without a model, so a
     * failure here propagates) and returns a swapper that scores with it.
     */
    public static <M extends AutoCloseable> ModelSwapper<M> start(
            ModelPointer initial, Loader<M> loader, Listener listener, String loaderThreadName)
            throws Exception {
        Objects.requireNonNull(initial, "initial");
        M model = loader.load(initial);
        return new ModelSwapper<>(new Slot<>(initial, model), loader, listener, loaderThreadName);
    }

    /**
     * Asks for {@code pointer} to become the active version. Returns at once; the load runs on
     * the loader thread. A request for the version already active or already on its way is a
     * no-op, and returns false.
     */
    public boolean request(ModelPointer pointer) {
        Objects.requireNonNull(pointer, "pointer");
        Slot<M> cancelled;
        boolean backToActive;
        synchronized (lock) {
            if (closed || pointer.sameVersionAs(target)) {
                return false;
            }
            target = pointer;
            backToActive = pointer.sameVersionAs(active.pointer);
            // Back to the active version (a rollback) while another was on its way: drop that one.
            cancelled = backToActive ? ready : null;
            if (backToActive) {
                ready = null;
            }
        }
        if (backToActive) {
            if (cancelled != null) {
                closeQuietly(cancelled);
            }
            return false;
        }
        LOG.info("Loading model version {} from {} off the scoring path", pointer.version(), pointer.uri());
        loaderThread.execute(() -> loadInBackground(pointer));
        return true;
    }

    /**
     * The model for the next batch. Switches to a ready version first, so a swap happens between
     * batches. Release the lease when the batch is done.
     */
    public Lease<M> acquire() {
        ModelPointer from = null;
        ModelPointer to = null;
        Slot<M> slot;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("model swapper is closed");
            }
            if (ready != null) {
                from = active.pointer;
                to = ready.pointer;
                active.retire();
                active = ready;
                ready = null;
            }
            slot = active;
            slot.leases++;
        }
        if (to != null) {
            LOG.info("Swapped model version {} for {}", from.version(), to.version());
            listener.swapped(from, to);
        }
        return new Lease<>(slot, lock);
    }

    /** The version scoring uses now (or will, from the next batch, once a ready one switches in). */
    public ModelPointer activePointer() {
        synchronized (lock) {
            return active.pointer;
        }
    }

    /** The newest version requested and not refused, if it differs from the active one. */
    public Optional<ModelPointer> pendingPointer() {
        synchronized (lock) {
            return target.sameVersionAs(active.pointer) ? Optional.empty() : Optional.of(target);
        }
    }

    private void loadInBackground(ModelPointer pointer) {
        synchronized (lock) {
            if (closed || !pointer.equals(target)) {
                return; // superseded by a newer request before its turn came
            }
        }
        M model;
        try {
            model = loader.load(pointer);
        } catch (Exception e) {
            synchronized (lock) {
                if (closed) {
                    LOG.info("Abandoned loading model version {}: shutting down", pointer.version());
                    return;
                }
                if (pointer.equals(target)) {
                    target = ready != null ? ready.pointer : active.pointer;
                }
            }
            LOG.warn("Refused model version {} from {}; keeping version {}: {}",
                    pointer.version(), pointer.uri(), activePointer().version(), e.toString());
            LOG.debug("Why model version {} was refused", pointer.version(), e);
            listener.refused(pointer, e);
            return;
        }
        Slot<M> superseded;
        synchronized (lock) {
            if (closed || !pointer.equals(target)) {
                superseded = new Slot<>(pointer, model);
            } else {
                superseded = ready;
                ready = new Slot<>(pointer, model);
            }
        }
        if (superseded != null) {
            closeQuietly(superseded);
        }
    }

    /**
     * Stops the loader thread and closes the active and ready models. Call it when no batch is in
     * flight (the operator's {@code close()}); a model still leased closes on its release.
     */
    @Override
    public void close() throws InterruptedException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loaderThread.shutdownNow();
        if (!loaderThread.awaitTermination(LOADER_SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Model loader thread still busy after {}; its model closes when it finishes",
                    LOADER_SHUTDOWN_WAIT);
        }
        Slot<M> lastReady;
        synchronized (lock) {
            active.retire();
            lastReady = ready;
            ready = null;
        }
        if (lastReady != null) {
            closeQuietly(lastReady);
        }
    }

    private static void closeQuietly(Slot<?> slot) {
        try {
            slot.model.close();
        } catch (Exception e) {
            // A model that fails to close leaks native memory but must not stop scoring.
            LOG.warn("Closing model version {} failed", slot.pointer.version(), e);
        }
    }

    /** A model plus how many batches use it; closed once retired and no batch uses it. */
    private static final class Slot<M extends AutoCloseable> {
        final ModelPointer pointer;
        final M model;
        int leases;
        boolean retired;
        boolean closedModel;

        Slot(ModelPointer pointer, M model) {
            this.pointer = pointer;
            this.model = model;
        }

        /** Called with the lock held. */
        void retire() {
            retired = true;
            closeIfUnused();
        }

        /** Called with the lock held. */
        void closeIfUnused() {
            if (retired && leases == 0 && !closedModel) {
                closedModel = true;
                closeQuietly(this);
            }
        }
    }

    /**
     * The right to use one model for one batch. Not thread-safe; release it exactly once, on the
     * thread that acquired it.
     */
    public static final class Lease<M extends AutoCloseable> implements AutoCloseable {
        private final Slot<M> slot;
        private final Object lock;
        private boolean released;

        private Lease(Slot<M> slot, Object lock) {
            this.slot = slot;
            this.lock = lock;
        }

        public M model() {
            return slot.model;
        }

        public ModelPointer pointer() {
            return slot.pointer;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            synchronized (lock) {
                slot.leases--;
                slot.closeIfUnused();
            }
        }
    }
}

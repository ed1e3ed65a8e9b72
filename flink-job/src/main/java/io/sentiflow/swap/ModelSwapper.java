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

    /**
     * Opening an ONNX session is not interruptible and takes a second or two here; closing waits
     * that long, not the minutes a task's cancellation may allow.
     */
    private static final Duration LOADER_SHUTDOWN_WAIT = Duration.ofSeconds(10);

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
    private LeasedModel<M> active;
    private LeasedModel<M> ready;
    private ModelPointer target;
    private boolean closed;

    private ModelSwapper(LeasedModel<M> active, Loader<M> loader, Listener listener, String threadName) {
        this.active = active;
        this.target = active.pointer();
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
        return new ModelSwapper<>(new LeasedModel<>(initial, model), loader, listener, loaderThreadName);
    }

    /**
     * Asks for {@code pointer} to become the active version. Returns at once; the load runs on
     * the loader thread. A request for the version already active or already on its way is a
     * no-op, and returns false.
     */
    public boolean request(ModelPointer pointer) {
        Objects.requireNonNull(pointer, "pointer");
        LeasedModel<M> cancelled;
        boolean backToActive;
        synchronized (lock) {
            if (closed || pointer.sameVersionAs(target)) {
                return false;
            }
            target = pointer;
            backToActive = pointer.sameVersionAs(active.pointer());
            // Back to the active version (a rollback) while another was on its way: drop that one.
            cancelled = backToActive ? ready : null;
            if (backToActive) {
                ready = null;
            }
        }
        if (backToActive) {
            if (cancelled != null) {
                LeasedModel.closeQuietly(cancelled);
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
    public ModelLease<M> acquire() {
        ModelPointer from = null;
        ModelPointer to = null;
        LeasedModel<M> slot;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("model swapper is closed");
            }
            if (ready != null) {
                from = active.pointer();
                to = ready.pointer();
                active.retire();
                active = ready;
                ready = null;
            }
            slot = active;
            slot.lease();
        }
        if (to != null) {
            LOG.info("Swapped model version {} for {}", from.version(), to.version());
            listener.swapped(from, to);
        }
        return new ModelLease<>(slot, lock);
    }

    /** The version scoring uses now (or will, from the next batch, once a ready one switches in). */
    public ModelPointer activePointer() {
        synchronized (lock) {
            return active.pointer();
        }
    }

    /** The newest version requested and not refused, if it differs from the active one. */
    public Optional<ModelPointer> pendingPointer() {
        synchronized (lock) {
            return target.sameVersionAs(active.pointer()) ? Optional.empty() : Optional.of(target);
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
                    target = ready != null ? ready.pointer() : active.pointer();
                }
            }
            LOG.warn("Refused model version {} from {}; keeping version {}: {}",
                    pointer.version(), pointer.uri(), activePointer().version(), e.toString());
            LOG.debug("Why model version {} was refused", pointer.version(), e);
            listener.refused(pointer, e);
            return;
        }
        LeasedModel<M> superseded;
        synchronized (lock) {
            if (closed || !pointer.equals(target)) {
                superseded = new LeasedModel<>(pointer, model);
            } else {
                superseded = ready;
                ready = new LeasedModel<>(pointer, model);
            }
        }
        if (superseded != null) {
            LeasedModel.closeQuietly(superseded);
        }
    }

    /**
     * Stops the loader thread and closes the active and ready models. Call it when no batch is in
     * flight (the operator's {@code close()}); a model still leased closes on its release.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loaderThread.shutdownNow();
        awaitLoaderThread();
        LeasedModel<M> lastReady;
        synchronized (lock) {
            active.retire();
            lastReady = ready;
            ready = null;
        }
        if (lastReady != null) {
            LeasedModel.closeQuietly(lastReady);
        }
    }

    /** A load still running when this returns closes its own model when it ends (it sees closed). */
    private void awaitLoaderThread() {
        try {
            if (!loaderThread.awaitTermination(LOADER_SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Model loader thread still busy after {}; its model closes when it finishes",
                        LOADER_SHUTDOWN_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

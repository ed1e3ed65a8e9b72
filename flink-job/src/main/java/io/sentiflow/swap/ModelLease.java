package io.sentiflow.swap;

/**
 * The right to use one model version for one batch, from {@link ModelSwapper#acquire()}. While
 * any lease on a replaced version is open, that version stays open.
 *
 * <p>Not thread-safe: release it exactly once (further calls do nothing), on the thread that
 * acquired it, typically with try-with-resources around the batch.
 */
public final class ModelLease<M extends AutoCloseable> implements AutoCloseable {

    private final LeasedModel<M> leased;
    private final Object lock;
    private boolean released;

    ModelLease(LeasedModel<M> leased, Object lock) {
        this.leased = leased;
        this.lock = lock;
    }

    public M model() {
        return leased.model();
    }

    public ModelPointer pointer() {
        return leased.pointer();
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        synchronized (lock) {
            leased.release();
        }
    }
}

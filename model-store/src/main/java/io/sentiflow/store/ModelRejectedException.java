package io.sentiflow.store;

/** A version that failed verification; the message says exactly what is wrong. */
public class ModelRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;
    private final String version;

    public ModelRejectedException(RejectionReason reason, String version, String message) {
        this(reason, version, message, null);
    }

    public ModelRejectedException(RejectionReason reason, String version, String message, Throwable cause) {
        super("Model version " + version + " refused (" + reason + "): " + message, cause);
        this.reason = reason;
        this.version = version;
    }

    public RejectionReason reason() {
        return reason;
    }

    public String version() {
        return version;
    }
}

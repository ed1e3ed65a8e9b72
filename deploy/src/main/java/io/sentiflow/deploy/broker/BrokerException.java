package io.sentiflow.deploy.broker;

/** The local broker could not be started or stopped; the message says why and what to do. */
public class BrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}

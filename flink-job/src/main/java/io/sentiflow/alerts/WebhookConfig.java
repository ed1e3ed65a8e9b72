package io.sentiflow.alerts;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Validated settings of the alert webhook; keys and defaults in {@link WebhookOptions}. Immutable
 * and serializable. Errors name the key and the value.
 */
public record WebhookConfig(
        URI url,
        int queueCapacity,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration requestTimeout,
        Duration drainTimeout)
        implements Serializable {

    public WebhookConfig {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException(WebhookOptions.URL.key() + " = " + url + " must be an http or https URL");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(WebhookOptions.QUEUE_CAPACITY.key() + " = " + queueCapacity + " must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(WebhookOptions.MAX_ATTEMPTS.key() + " = " + maxAttempts + " must be at least 1");
        }
        positive(WebhookOptions.INITIAL_BACKOFF.key(), initialBackoff);
        positive(WebhookOptions.MAX_BACKOFF.key(), maxBackoff);
        positive(WebhookOptions.REQUEST_TIMEOUT.key(), requestTimeout);
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException(WebhookOptions.DRAIN_TIMEOUT.key() + " = " + drainTimeout + " must not be negative");
        }
    }

    /** The webhook's settings, or empty when {@code sentiflow.alerts.webhook.url} is not set. */
    public static Optional<WebhookConfig> fromConfiguration(ReadableConfig conf) {
        return conf.getOptional(WebhookOptions.URL).filter(url -> !url.isBlank()).map(url -> new WebhookConfig(
                parse(url),
                conf.get(WebhookOptions.QUEUE_CAPACITY),
                conf.get(WebhookOptions.MAX_ATTEMPTS),
                conf.get(WebhookOptions.INITIAL_BACKOFF),
                conf.get(WebhookOptions.MAX_BACKOFF),
                conf.get(WebhookOptions.REQUEST_TIMEOUT),
                conf.get(WebhookOptions.DRAIN_TIMEOUT)));
    }

    /** The wait before try number {@code attempt} (2 for the first retry): doubling, capped. */
    public Duration backoffBefore(int attempt) {
        long factor = 1L << Math.min(30, Math.max(0, attempt - 2));
        long millis = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * factor);
        return Duration.ofMillis(millis);
    }

    private static URI parse(String url) {
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WebhookOptions.URL.key() + " = " + url + " is not a URL: " + e.getMessage(), e);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " = " + value + " must be a positive duration");
        }
    }
}

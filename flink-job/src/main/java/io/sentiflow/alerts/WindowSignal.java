package io.sentiflow.alerts;

import io.sentiflow.schema.Severity;

/**
 * One closed window of one key, judged against the key's baseline.
 *
 * @param windowStart inclusive start, epoch milliseconds
 * @param windowEnd exclusive end, epoch milliseconds
 * @param hot enough volume, share above the floor and z above the threshold: counts towards firing
 * @param elevated share above the floor and z above the threshold, whatever the volume: keeps an
 *     open episode open (hysteresis: a thinning burst does not resolve early)
 * @param severity the severity this window would fire with
 */
public record WindowSignal(long windowStart, long windowEnd, boolean hot, boolean elevated, Severity severity) {}

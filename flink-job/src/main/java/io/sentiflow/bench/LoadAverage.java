package io.sentiflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load averages over 1, 5 and 15 minutes: other work on the machine changes every
 * row, and these say how busy it was. From {@code /proc/loadavg}; elsewhere only the JVM's 1-minute
 * figure, the others NaN.
 */
public record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes) {

    private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

    public static LoadAverage now() {
        try {
            return parse(Files.readString(PROC_LOADAVG));
        } catch (IOException | RuntimeException e) {
            // No /proc (or an unexpected format): the JVM's figure is the one left.
            return new LoadAverage(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Double.NaN, Double.NaN);
        }
    }

    /** The first three fields of a {@code /proc/loadavg} line. */
    static LoadAverage parse(String line) {
        String[] fields = line.trim().split("\\s+");
        return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2]));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", oneMinute, fiveMinutes, fifteenMinutes);
    }
}

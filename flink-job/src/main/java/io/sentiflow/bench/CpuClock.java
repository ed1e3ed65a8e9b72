package io.sentiflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** CPU time of this JVM, all threads together, in nanoseconds; NaN where the JVM does not say. */
final class CpuClock {

    private CpuClock() {}

    static double processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            long nanos = hotspot.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos;
        }
        return Double.NaN;
    }
}

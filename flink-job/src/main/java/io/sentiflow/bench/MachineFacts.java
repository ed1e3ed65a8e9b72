package io.sentiflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark's figures depend on besides the code: cores, CPU model, the vector instructions
 * ONNX Runtime picks its kernels by (docs/STACK.md: int8 MiniLM ran about twice as fast with AVX-512 as
 * with AVX2 only), memory and the JVM. From {@code /proc/cpuinfo} and {@code /proc/meminfo};
 * "unknown" where those are missing.
 *
 * @param memoryBytes {@code MemTotal}, or -1 when unknown
 */
public record MachineFacts(int cores, String cpuModel, boolean avx512, boolean avx2, long memoryBytes, String jvm) {

    public static MachineFacts probe() {
        return parse(Runtime.getRuntime().availableProcessors(), read("/proc/cpuinfo"), read("/proc/meminfo"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** From the text of {@code /proc/cpuinfo} and {@code /proc/meminfo} (either may be empty). */
    static MachineFacts parse(int cores, String cpuinfo, String meminfo, String jvm) {
        String model = field(cpuinfo, "model name");
        List<String> flags = Arrays.asList(field(cpuinfo, "flags").split("\\s+"));
        String total = field(meminfo, "MemTotal");
        long memory = total.isEmpty() ? -1 : Long.parseLong(total.replace("kB", "").trim()) * 1024;
        return new MachineFacts(cores, model.isEmpty() ? "unknown" : model, flags.contains("avx512f"),
                flags.contains("avx2"), memory, jvm);
    }

    /** The vector extensions, for people: {@code AVX-512, AVX2}, {@code AVX2 only}, {@code neither}. */
    public String vectorExtensions() {
        if (avx512) {
            return avx2 ? "AVX-512, AVX2" : "AVX-512";
        }
        return avx2 ? "AVX2 only (no AVX-512)" : "neither AVX-512 nor AVX2";
    }

    public String memory() {
        return memoryBytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memoryBytes / (double) (1L << 30));
    }

    /** The value of the first {@code name: value} line, trimmed; empty when there is none. */
    private static String field(String text, String name) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return ""; // not Linux: the facts say unknown
        }
    }
}

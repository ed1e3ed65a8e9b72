package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineFactsTest {

    private static final String CPUINFO = """
            processor\t: 0
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu sse2 avx avx2 fma
            processor\t: 1
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu sse2 avx avx2 fma
            """;

    @Test
    void readsTheModelTheVectorFlagsAndTheMemory() {
        MachineFacts facts = MachineFacts.parse(2, CPUINFO, "MemTotal:       24576000 kB\nMemFree: 1 kB\n", "JVM 17");

        assertThat(facts.cpuModel()).isEqualTo("AMD EPYC 7B13");
        assertThat(facts.avx2()).isTrue();
        assertThat(facts.avx512()).isFalse();
        assertThat(facts.vectorExtensions()).isEqualTo("AVX2 only (no AVX-512)");
        assertThat(facts.memoryBytes()).isEqualTo(24576000L * 1024);
        assertThat(facts.memory()).isEqualTo("23.4 GiB");
    }

    @Test
    void avx512IsTheFoundationFlagAndMissingFilesSayUnknown() {
        MachineFacts avx512 = MachineFacts.parse(4, "flags : avx2 avx512f avx512bw\n", "", "JVM");
        MachineFacts none = MachineFacts.parse(1, "", "", "JVM");

        assertThat(avx512.vectorExtensions()).isEqualTo("AVX-512, AVX2");
        assertThat(none.cpuModel()).isEqualTo("unknown");
        assertThat(none.memory()).isEqualTo("unknown");
        assertThat(none.vectorExtensions()).isEqualTo("neither AVX-512 nor AVX2");
    }

    @Test
    void loadAveragesAreTheFirstThreeFieldsOfProcLoadavg() {
        assertThat(LoadAverage.parse("0.62 2.42 3.74 3/512 4242\n")).isEqualTo(new LoadAverage(0.62, 2.42, 3.74));
        assertThat(new LoadAverage(0.62, 2.42, 3.74)).hasToString("0.62 2.42 3.74");
    }
}

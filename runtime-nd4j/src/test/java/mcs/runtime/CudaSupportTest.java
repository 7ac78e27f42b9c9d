package mcs.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CudaSupportTest {

    @Test
    void hopperIsRefusedWithOneClearLine() {
        CudaSupport.Verdict v = CudaSupport.check("9.0", "NVIDIA H100 80GB HBM3");
        assertThat(v.supported()).isFalse();
        assertThat(v.message()).startsWith("GPU NVIDIA H100 80GB HBM3 (compute capability 9.0) is"
                + " not supported by ND4J 1.0.0-M2.1's CUDA 11.6 build (kernels up to sm_86")
                .doesNotContain("\n");
    }

    @Test
    void ampereAndAdaRunTheSm86Kernels() {
        assertThat(CudaSupport.check("8.6", "NVIDIA RTX A6000").supported()).isTrue();
        assertThat(CudaSupport.check("8.0", "NVIDIA A100").supported()).isTrue();
        assertThat(CudaSupport.check("8.9", "NVIDIA L4").supported()).isTrue();
        assertThat(CudaSupport.check("7.0", "Tesla V100").supported()).isTrue();
    }

    @Test
    void newerAndOlderArchitecturesAndNonsenseAreRefused() {
        assertThat(CudaSupport.check("10.0", "NVIDIA B200").supported()).isFalse();
        assertThat(CudaSupport.check("12.0", "").message()).startsWith("GPU (compute capability");
        assertThat(CudaSupport.check("3.0", "GeForce GTX 680").message()).contains("older");
        assertThat(CudaSupport.check("[N/A]", "x").supported()).isFalse();
        assertThat(CudaSupport.check(null, "x").supported()).isFalse();
    }

    @Test
    void autoFallsBackToTheCpuSayingWhy() {
        Gpu h100 = Gpu.parse("NVIDIA H100 PCIe, 9.0, 81559 MiB");
        BackendPlan p = BackendPlan.decide(BackendPlan.Mode.AUTO, true, h100);
        assertThat(p.backend()).isEqualTo("cpu");
        assertThat(p.notice()).contains("compute capability 9.0").endsWith("running on the CPU");
        assertThat(p.environment()).containsEntry("BACKEND_PRIORITY_CPU", "200");
        assertThat(p.satisfiedBy(Map.of())).isFalse();
        assertThat(p.satisfiedBy(p.environment())).isTrue();
        assertThatThrownBy(() -> BackendPlan.decide(BackendPlan.Mode.CUDA, true, h100))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sm_86");
    }

    @Test
    void aSupportedGpuIsUsedAndTheCpuBuildStaysOnTheCpu() {
        Gpu a6000 = Gpu.parse("NVIDIA RTX A6000, 8.6, 49140 MiB");
        assertThat(BackendPlan.decide(BackendPlan.Mode.AUTO, true, a6000).backend())
                .isEqualTo("cuda");
        assertThat(BackendPlan.decide(BackendPlan.Mode.CPU, true, a6000).backend())
                .isEqualTo("cpu");
        BackendPlan cpuBuild = BackendPlan.decide(BackendPlan.Mode.AUTO, false, a6000);
        assertThat(cpuBuild.backend()).isEqualTo("cpu");
        assertThat(cpuBuild.notice()).isNull();
        assertThat(cpuBuild.satisfiedBy(Map.of())).isTrue();
        assertThatThrownBy(() -> BackendPlan.decide(BackendPlan.Mode.CUDA, false, a6000))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("-Pcuda");
        assertThat(BackendPlan.decide(BackendPlan.Mode.AUTO, true, null).notice())
                .startsWith("no GPU found");
    }

    @Test
    void modeComesFromThePropertyThenTheVariable() {
        assertThat(BackendPlan.mode(null, null)).isEqualTo(BackendPlan.Mode.AUTO);
        assertThat(BackendPlan.mode(null, "CPU")).isEqualTo(BackendPlan.Mode.CPU);
        assertThat(BackendPlan.mode("cuda", "cpu")).isEqualTo(BackendPlan.Mode.CUDA);
        assertThatThrownBy(() -> BackendPlan.mode(null, "gpu"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("MCS_BACKEND must be cpu, cuda or auto, got 'gpu'");
    }

    @Test
    void nvidiaSmiLinesAndCpuFlagsAreRead() {
        assertThat(Gpu.parse("")).isNull();
        assertThat(Gpu.parse("NVIDIA L4, 8.9, 23034 MiB").computeCapability()).isEqualTo("8.9");
        String cpuinfo = "processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: fpu sse avx avx2 fma"
                + " avx512f avx512_vnni\n\nprocessor\t: 1\nflags\t\t: fpu\n";
        assertThat(EngineFacts.cpuFeatures(cpuinfo))
                .containsExactly("avx", "avx2", "fma", "avx512f", "avx512_vnni");
        assertThat(EngineFacts.cpuFeatures("")).isEmpty();
    }
}

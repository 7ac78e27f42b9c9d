package mcs.bench;

import java.util.function.Consumer;

/** A group of measures that runs in one go and reports each as soon as it is measured. */
interface Suite {

    String name();

    void run(Consumer<Measure> report) throws Exception;

    /** Whether bench/pytorch_bench.py has the same workloads. */
    default boolean comparable() {
        return true;
    }
}

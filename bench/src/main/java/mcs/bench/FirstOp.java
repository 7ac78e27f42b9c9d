package mcs.bench;

import mcs.runtime.Engine;
import org.nd4j.linalg.factory.Nd4j;

/** A JVM that starts the engine, runs one ND4J operation, prints its result and "ready". */
final class FirstOp {

    static final String READY = "ready";

    private FirstOp() {
    }

    public static void main(String[] args) {
        Engine.init();
        float sum = Nd4j.ones(4).addi(1).sumNumber().floatValue();
        System.out.println(sum + " " + READY);
    }
}

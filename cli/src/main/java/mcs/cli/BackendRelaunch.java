package mcs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import mcs.runtime.BackendPlan;
import mcs.runtime.Engine;
import mcs.runtime.InvalidInputException;

/**
 * In a {@code -Pcuda} build that must run on the CPU (MCS_BACKEND=cpu, or auto without a
 * supported GPU), ND4J has to see {@code BACKEND_PRIORITY_*} in the environment when it loads,
 * and a running JVM cannot change its own environment: mcs then runs itself once more with it,
 * after saying why. In the CPU build nothing happens.
 */
final class BackendRelaunch {

    private BackendRelaunch() {
    }

    /** The exit code of the relaunched mcs, or null when this process can go on itself. */
    static Integer ifNeeded(String[] args, PrintStream err) {
        BackendPlan plan;
        try {
            plan = Engine.backendPlan();
        } catch (InvalidInputException e) {
            err.println("mcs: " + e.getMessage());
            return Main.USAGE;
        }
        if (plan.satisfiedBy(System.getenv())) {
            return null;
        }
        List<String> command = new ArrayList<>();
        ProcessHandle.Info self = ProcessHandle.current().info();
        command.add(self.command().orElse("java"));
        command.addAll(List.of(self.arguments().orElse(new String[0])));
        if (plan.notice() != null) {
            err.println("mcs: " + plan.notice());
        }
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(plan.environment());
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            err.println("mcs: cannot restart on the CPU backend: " + e.getMessage());
            return ConsoleOutput.INTERNAL_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}

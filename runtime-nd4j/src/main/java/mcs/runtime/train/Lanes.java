package mcs.runtime.train;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Parts of one piece of work run side by side, one per core, each on its thread alone: OpenMP
 * at one thread there (oneDNN's convolutions, pools and products), Java loops unsplit. The
 * calling thread runs the first part and resident lane threads the others, so a forward pass
 * wakes each core once instead of once per layer (here, waking OpenMP's second thread costs
 * about 0.14 ms per call, more than a small layer takes on one core). Nothing in a part may
 * use OpenBLAS's threads: its threaded products are serialised by a lock, and two lanes
 * calling it wait on each other (LeNet-5 at batch 32: 1.5 instead of 1.0 ms).
 */
final class Lanes {

    /** As many lanes as ND4J has threads (the calling thread being one). */
    static final int COUNT = Kernels.THREADS;
    /**
     * How long a lane thread keeps polling after its part before it sleeps, and the caller
     * before it sleeps waiting: back-to-back passes (a test set in batches) find it awake.
     */
    private static final long SPIN_NANOS = 100_000;
    private static final ThreadLocal<Boolean> IN_LANE = ThreadLocal.withInitial(() -> false);
    /** One piece of work at a time; a second caller runs its parts in turn on its own. */
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static Worker[] workers;

    private Lanes() {
    }

    /** Whether the calling thread is running a part (its work must stay on it). */
    static boolean inLane() {
        return IN_LANE.get();
    }

    /**
     * Runs {@code part.accept(i)} for {@code i} in {@code [0, parts)}, side by side when the
     * lanes are free, and returns when all are done; a part's failure is thrown here after the
     * others have finished.
     */
    static void run(int parts, IntConsumer part) {
        if (parts > COUNT) {
            throw new IllegalArgumentException(parts + " parts for " + COUNT + " lanes");
        }
        if (parts == 1 || inLane() || !BUSY.tryLock()) {
            for (int i = 0; i < parts; i++) {
                part.accept(i);
            }
            return;
        }
        NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = nativeOps.ompGetMaxThreads();
        try {
            Worker[] lanes = workers();
            for (int i = 1; i < parts; i++) {
                lanes[i - 1].post(part, i, Thread.currentThread());
            }
            nativeOps.setOmpNumThreads(1);
            IN_LANE.set(true);
            Throwable failure = null;
            try {
                part.accept(0);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                IN_LANE.set(false);
                nativeOps.setOmpNumThreads(threads);
            }
            for (int i = 1; i < parts; i++) {
                Throwable f = lanes[i - 1].await();
                if (failure == null) {
                    failure = f;
                }
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            } else if (failure != null) {
                throw new IllegalStateException(failure);
            }
        } finally {
            BUSY.unlock();
        }
    }

    private static synchronized Worker[] workers() {
        if (workers == null) {
            workers = new Worker[COUNT - 1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(i + 1);
                workers[i].start();
            }
        }
        return workers;
    }

    /** A resident thread running one part at a time. */
    private static final class Worker extends Thread {

        private volatile IntConsumer task;
        private volatile int index;
        private volatile Thread caller;
        private volatile Throwable failure;
        /** Parts posted and parts finished: equal when the lane is idle. */
        private volatile long posted;
        private volatile long finished;

        Worker(int lane) {
            super("mcs-lane-" + lane);
            setDaemon(true);
        }

        void post(IntConsumer part, int i, Thread from) {
            task = part;
            index = i;
            caller = from;
            failure = null;
            posted = posted + 1; // only the holder of BUSY writes it
            LockSupport.unpark(this);
        }

        /** Waits for the part posted last; returns its failure or null. */
        Throwable await() {
            long target = posted;
            long start = System.nanoTime();
            while (finished != target) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, SPIN_NANOS);
                }
            }
            return failure;
        }

        @Override
        public void run() {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            IN_LANE.set(true);
            long done = 0;
            while (true) {
                long idle = System.nanoTime();
                while (posted == done) {
                    if (System.nanoTime() - idle < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                done = posted;
                try {
                    task.accept(index);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    finished = done;
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}

package mcs.runtime.train;

/** Receives progress of long work, a few times a second at most and at the end of each epoch. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = s -> { };

    void update(TrainingStatus status);
}

package mcs.runtime.model;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.InvalidInputException;

/** The reference architectures, so results compare with published figures. */
public final class ReferenceModels {

    private static final Shape MNIST = Shape.image(1, 28, 28);

    private ReferenceModels() {
    }

    /**
     * The LeNet-5 of Caffe and of the Deep Compression paper: conv 20@5x5, maxpool 2, conv 50@5x5,
     * maxpool 2, dense 500 relu, dense 10 (431,080 parameters).
     */
    public static Model lenet5(long seed) {
        return Model.sequential("lenet5", MNIST, List.of(
                new LayerSpec.Conv2D(20, 5, 1, Padding.VALID, Activation.LINEAR),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Conv2D(50, 5, 1, Padding.VALID, Activation.LINEAR),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(500, Activation.RELU),
                new LayerSpec.Dense(10, Activation.LINEAR)), seed);
    }

    /** LeNet-300-100: dense 300 relu, dense 100 relu, dense 10 (266,610 parameters). */
    public static Model lenet300(long seed) {
        return mlp("lenet300", List.of(300, 100), 10, seed);
    }

    /** A multi-layer perceptron on 28x28 images: flatten, hidden ReLU layers, a linear output. */
    public static Model mlp(String name, List<Integer> hidden, int classes, long seed) {
        List<LayerSpec> specs = new ArrayList<>();
        specs.add(new LayerSpec.Flatten());
        for (int units : hidden) {
            if (units < 1) {
                throw new InvalidInputException("mlp: layer sizes must be at least 1, got " + units);
            }
            specs.add(new LayerSpec.Dense(units, Activation.RELU));
        }
        specs.add(new LayerSpec.Dense(classes, Activation.LINEAR));
        return Model.sequential(name, MNIST, specs, seed);
    }
}

package mcs.runtime.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import mcs.runtime.Cancellation;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.PackageInstaller;
import mcs.runtime.model.Model;
import mcs.runtime.train.Evaluator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The KotlinDL Fashion-MNIST models, imported, classify the real Fashion-MNIST test set as
 * published: the BatchNorm CNN's notebook reports 91.19 % (Keras {@code model.evaluate}).
 * Slow: 20,000 CNN inferences (about a minute on 2 cores).
 */
class KerasFashionMnistTest {

    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    @Tag("slow")
    void kotlinDlModelsReachTheirPublishedAccuracy() {
        assumeTrue(Files.isDirectory(DATA), DATA + " absent; Fashion-MNIST accuracy not measured");
        Path dir = Fixtures.dir();
        Dataset fmnist = new Datasets(Map.of(), Path.of("/nonexistent"), s -> { },
                PackageInstaller.NONE).load("fashion-mnist", DATA);
        Model bn = KerasImport.load(dir.resolve("fashion_mnist_bn_cnn_kotlindl.json"));
        Model lenet = KerasImport.load(dir.resolve("fashion_mnist_lenet_kotlindl.json"));
        double bnAcc = Evaluator.accuracy(bn, fmnist.test(), Cancellation.NEVER);
        double lenetAcc = Evaluator.accuracy(lenet, fmnist.test(), Cancellation.NEVER);
        System.out.printf(Locale.ROOT, "Fashion-MNIST test accuracy (%d images): bn_cnn %.2f%%, "
                + "lenet %.2f%%%n", fmnist.test().size(), 100 * bnAcc, 100 * lenetAcc);
        assertThat(bnAcc).isCloseTo(0.9119, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(lenetAcc).isGreaterThan(0.85);
    }
}

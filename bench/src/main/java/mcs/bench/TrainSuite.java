package mcs.bench;

import java.util.function.Consumer;
import mcs.runtime.Cancellation;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.train.Optimizer;
import mcs.runtime.train.TrainConfig;
import mcs.runtime.train.Trainer;

/**
 * Training throughput on Fashion-MNIST, batch 128, Adam 1e-3: samples/s of the second epoch
 * (the first is the warm-up: JIT, buffers, native libraries).
 */
final class TrainSuite implements Suite {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public void run(Consumer<Measure> report) {
        Dataset data = Datasets.system(s -> { }).load("fashion-mnist", null);
        report.accept(throughput("train.lenet5", ReferenceModels.lenet5(1), data));
        report.accept(throughput("train.lenet300", ReferenceModels.lenet300(1), data));
    }

    static Measure throughput(String name, Model model, Dataset data) {
        double[] perSecond = new double[1];
        Trainer.fit(model, data, new TrainConfig(2, 128, 1e-3, Optimizer.ADAM, 1), "train",
                s -> {
                    if (s.epochDone() && s.epoch() == 2) {
                        perSecond[0] = s.samplesPerSecond();
                    }
                }, Cancellation.NEVER);
        return new Measure(name, perSecond[0], "samples/s");
    }
}

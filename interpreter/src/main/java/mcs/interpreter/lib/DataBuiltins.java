package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.nio.file.Path;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.Value;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.Idx;
import mcs.runtime.data.Split;

/** {@code dataset} and {@code idx}. */
final class DataBuiltins {

    private DataBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("dataset", Group.DATA,
                        "Loads fashion-mnist or mnist: train and test splits.")
                .param(Param.required("name", Type.STRING, "\"fashion-mnist\" or \"mnist\""))
                .param(Param.optional("path", Type.STRING, "directory of the four IDX files"))
                .note("Without path: $MCS_DATA, ~/.cache/mcs/<name>, /usr/share/datasets/<name>.")
                .note("Fashion-MNIST is installed with apt-get (dataset-fashion-mnist) when "
                        + "missing and mcs runs as root.")
                .returns(Type.DATASET), DataBuiltins::dataset);
        b.add(define("idx", Group.DATA, "A dataset from IDX image and label files (MNIST "
                        + "format, .gz or not).")
                .param(Param.required("images", Type.STRING, "training images file"))
                .param(Param.required("labels", Type.STRING, "training labels file"))
                .param(Param.optional("test_images", Type.STRING, "test images file"))
                .param(Param.optional("test_labels", Type.STRING, "test labels file"))
                .param(Param.optional("name", Type.STRING, "the dataset's name (default: the "
                        + "directory of the images file)"))
                .note("Give both test files or neither. Without them the test split IS the "
                        + "training data:")
                .note("accuracy on it then measures fit, not generalisation.")
                .returns(Type.DATASET), DataBuiltins::idx);
    }

    private static Value dataset(Args a, CallContext c) {
        Path dir = a.present("path") ? Path.of(a.str("path")) : null;
        return new DatasetValue(Datasets.system(c::notice).load(a.str("name"), dir));
    }

    private static Value idx(Args a, CallContext c) {
        if (a.present("test_images") != a.present("test_labels")) {
            String given = a.present("test_images") ? "test_images" : "test_labels";
            throw a.error(given, "give both test_images and test_labels, or neither");
        }
        Path images = Path.of(a.str("images"));
        Split train = Idx.read("train", images, Path.of(a.str("labels")));
        Split test = train;
        if (a.present("test_images")) {
            test = Idx.read("test", Path.of(a.str("test_images")), Path.of(a.str("test_labels")));
        } else {
            c.notice("idx: no test files given, so the test split is the training data");
        }
        String name = a.present("name") ? a.str("name") : defaultName(images);
        return new DatasetValue(new Dataset(name, train, test));
    }

    private static String defaultName(Path images) {
        Path dir = images.toAbsolutePath().getParent();
        return dir != null && dir.getFileName() != null ? dir.getFileName().toString() : "idx";
    }
}

package mcs.runtime.io;

import java.nio.file.Path;
import java.util.List;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;

/**
 * The child process of {@link CrashSafeSaveTest}: saves {@link #models()} in turn to the file
 * named by its argument, for ever, printing {@code saved <n> <model>} after each save.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    /** Three models of different sizes, so each complete file is told apart by its bytes. */
    static List<Model> models() {
        return List.of(ReferenceModels.mlp("a", List.of(64), 10, 1),
                ReferenceModels.mlp("b", List.of(96), 10, 2),
                ReferenceModels.mlp("c", List.of(48, 32), 10, 3));
    }

    public static void main(String[] args) {
        Path target = Path.of(args[0]);
        List<Model> models = models();
        for (long n = 0; ; n++) {
            int k = (int) (n % models.size());
            McsFile.save(models.get(k), target);
            System.out.println("saved " + n + " " + k);
            System.out.flush();
        }
    }
}

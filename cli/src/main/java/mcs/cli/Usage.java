package mcs.cli;

/** The text of {@code mcs --help} and the version {@code mcs --version} prints. */
final class Usage {

    static final String TEXT = """
            usage: mcs [options] [FILE.mcs [args...]]
                   mcs [options] -e CODE [args...]
                   mcs kernel install [--user] [--prefix P]   (the Jupyter kernel)
                   mcs bench [train|infer|compression|startup|memory|sweep]...
                             [--compare-pytorch]
                   mcs doctor                                 (backend, threads, memory, GPU)

            Runs an mcs script, code given with -e, or, with neither, the interactive REPL.
            When standard input is not a terminal, mcs runs the script read from it.

            options:
              -e, --eval CODE   run CODE as a script (errors name it "-e")
              -v, --verbose     show ND4J's and the native libraries' logging
              --master URL      run sweep(..)'s points on a Spark standalone cluster,
                                e.g. spark://host:7077 (default: embedded, in this JVM)
              -h, --help        show this help and exit
              -V, --version     show the version and exit
              -                 read the script from standard input
              --                end of options: the next argument is the script

            examples:
              mcs scripts/quickstart.mcs
              mcs -e 'print(params(lenet5()))'
              echo 'summary(lenet300())' | mcs
              mcs                       # the REPL: Tab completes, :help lists commands
                                        # and keys, :quit or Ctrl-D leaves

            Ctrl-C stops the running statement (training stops within a second); in a
            script a second Ctrl-C exits at once.

            exit codes: 0 ok, 64 usage error, 65 error in the script or its data,
                        70 internal error, 74 cannot read the script, 130 interrupted

            environment: MCS_DATA (datasets), MCS_HISTORY (REPL history, default
                         ~/.mcs_history); for ./mcs: MCS_HEAP, MCS_OFFHEAP (JVM heap and
                         ND4J off-heap limits, default 6g), OMP_NUM_THREADS,
                         MCS_CDS=0 (no start-up class archive),
                         MCS_BACKEND=cpu|cuda|auto (default auto; cuda needs a -Pcuda build)
            """;

    private Usage() {
    }

    /** The jar's Implementation-Version, or "dev" when running from classes. */
    static String version() {
        String version = Usage.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}

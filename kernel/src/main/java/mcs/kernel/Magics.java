package mcs.kernel;

/** Cell magics: {@code %java} / {@code %%java} cells are Java, run by the session's JShell. */
final class Magics {

    private Magics() {
    }

    /** Whether the cell starts with {@code %java} (after blank lines and indentation). */
    static boolean isJava(String code) {
        String s = code.stripLeading();
        return s.startsWith("%java") && (s.length() == 5 || !CallSite.isWordChar(s.charAt(5)));
    }
}

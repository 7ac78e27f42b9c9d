package mcs.kernel;

/** Cell magics: {@code %java} (a JShell snippet) is recognised but not supported yet. */
final class Magics {

    static final String JAVA_NOT_SUPPORTED = "%java is not supported yet: Java snippets "
            + "(JShell) will come in a later version of mcs";

    private Magics() {
    }

    /** Whether the cell starts with {@code %java} (after blank lines and indentation). */
    static boolean isJava(String code) {
        String s = code.stripLeading();
        return s.startsWith("%java") && (s.length() == 5 || !CallSite.isWordChar(s.charAt(5)));
    }
}

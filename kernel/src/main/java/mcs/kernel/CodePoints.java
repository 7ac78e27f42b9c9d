package mcs.kernel;

/** Jupyter counts cursor positions in Unicode code points; Java strings in UTF-16 chars. */
final class CodePoints {

    private CodePoints() {
    }

    /** The char index of code point {@code cursor}, clamped to the text. */
    static int toCharIndex(String text, int cursor) {
        int points = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(cursor, points)));
    }

    /** The code point index of char index {@code index}. */
    static int toCodePointIndex(String text, int index) {
        return text.codePointCount(0, Math.max(0, Math.min(index, text.length())));
    }
}

package mcs.runtime;

/**
 * A problem with what the user asked for or gave (a bad setting, incompatible shapes, a missing
 * or malformed data file). Callers show its message without a stack trace; a bug in mcs is any
 * other exception.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

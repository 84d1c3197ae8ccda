package dev.wrapup.domain.input;

/**
 * Input that cannot be taken for a reason its message says in one line (a date that does not exist,
 * a text over its limit): the answer is that line alone, without the usage.
 */
public final class InputRefused extends Exception {
    public InputRefused(String reason) {
        super(reason);
    }
}

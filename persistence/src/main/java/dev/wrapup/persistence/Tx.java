package dev.wrapup.persistence;

import org.jooq.DSLContext;

/**
 * The transaction a piece of work runs in. {@link Database#transaction} and {@link
 * Database#groupCommit} hand one to the work, which passes it to the repositories' writes so that
 * they commit together, on the transaction's connection.
 */
public final class Tx {
    private final DSLContext dsl;

    Tx(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** jOOQ on the transaction's connection: for the repositories, never outside persistence. */
    DSLContext dsl() {
        return dsl;
    }
}

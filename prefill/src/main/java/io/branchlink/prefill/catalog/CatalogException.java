package io.branchlink.prefill.catalog;

/** A definition file is missing, unreadable or inconsistent; the catalog refuses to load at all. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}

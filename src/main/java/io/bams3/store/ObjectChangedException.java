package io.bams3.store;

/**
 * The object was replaced while it was being read: a resumed read found a different version
 * than the one it started on. Reading it again from the start gives one whole version.
 */
public class ObjectChangedException extends StoreException {
    public ObjectChangedException(String message) {
        super(message);
    }
}

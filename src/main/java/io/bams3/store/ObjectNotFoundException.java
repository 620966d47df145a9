package io.bams3.store;

/** The object (or the store location itself) does not exist. */
public class ObjectNotFoundException extends StoreException {
    public ObjectNotFoundException(String message) {
        super(message);
    }
}

package io.bams3.auth;

import java.util.List;

/**
 * What one caller may read: the dataset ids its grants match. With authentication off every
 * caller may read everything ({@link #everything()}).
 */
public final class Access {
    private static final Access EVERYTHING = new Access(null, "anyone");

    private final List<IdGlob> grants;
    private final String subject;

    private Access(List<IdGlob> grants, String subject) {
        this.grants = grants;
        this.subject = subject;
    }

    /** Every id: authentication is off. */
    public static Access everything() {
        return EVERYTHING;
    }

    /** The ids that {@code grants} match, for the caller {@code subject} (for logs). */
    public static Access granted(String subject, List<IdGlob> grants) {
        return new Access(List.copyOf(grants), subject);
    }

    public boolean permits(String id) {
        if (grants == null) {
            return true;
        }
        for (IdGlob g : grants) {
            if (g.matches(id)) {
                return true;
            }
        }
        return false;
    }

    /** The grants, or null when everything is permitted. */
    public List<IdGlob> grants() {
        return grants;
    }

    public String subject() {
        return subject;
    }

    @Override
    public String toString() {
        return grants == null ? "everything" : subject + " " + grants;
    }
}

package dev.ludus.events;

/** A write of a user's game state by another feature: see {@link UserWork} and {@link EventService#write}. */
@FunctionalInterface
public interface UserWrite {

    /** Decides and persists the work's change, or throws a refusal before writing anything. */
    Reply apply(UserWork work);
}

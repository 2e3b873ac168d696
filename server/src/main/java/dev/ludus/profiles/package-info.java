/**
 * The stored users of an application: profiles (name, email, IANA timezone, attributes, last
 * activity), the row lock that puts one user's writes in order, the erasure of everything held
 * about a user, and the indexed search and sorts of the user list ({@link dev.ludus.profiles.UserSearch}).
 * The data only; the {@code /v1/users} routes are in {@link dev.ludus.users}.
 */
package dev.ludus.profiles;

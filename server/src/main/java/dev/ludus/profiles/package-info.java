/**
 * The stored users of an application: profiles (name, email, IANA timezone, attributes), the row
 * lock that puts one user's writes in order, and the erasure of everything held about a user. The
 * data only; the {@code /v1/users} routes are in {@link dev.ludus.users}.
 */
package dev.ludus.profiles;

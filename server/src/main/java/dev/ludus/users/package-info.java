/**
 * The users of an application: profiles (name, email, IANA timezone, attributes) and the row lock
 * that puts one user's writes in order. A user is created by a PUT or by their first event;
 * deleting one erases everything Ludus holds about them.
 */
package dev.ludus.users;

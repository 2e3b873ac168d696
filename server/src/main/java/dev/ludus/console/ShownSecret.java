package dev.ludus.console;

/**
 * A value shown once, with a copy button: a new secret, or an id that goes with it.
 *
 * @param id the id of the element that holds the value (the copy button names it)
 * @param label what it is
 * @param value the value
 * @param secret whether it is a secret (shown once, never again) or an id (shown on other pages too)
 */
public record ShownSecret(String id, String label, String value, boolean secret) { }

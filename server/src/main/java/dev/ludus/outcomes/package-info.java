/**
 * Metrics of what the rules do: a listener on every applied change that counts its outcomes by kind.
 */
package dev.ludus.outcomes;

/**
 * Start-up configuration: {@code LUDUS_*} variables and flags, validated once, then immutable; and
 * the report of {@code LUDUS_*} variables that nothing reads.
 */
package dev.ludus.config;

/** Start-up configuration: {@code LUDUS_*} variables and flags, validated once, then immutable. */
package dev.ludus.config;

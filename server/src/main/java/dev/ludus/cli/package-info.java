/** The {@code ludus} command line (picocli): {@code serve}, {@code init}, {@code token}. */
package dev.ludus.cli;

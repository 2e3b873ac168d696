package dev.ludus.cli;

/** A command that cannot do its job; the message says why and what to do, in one line. */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}

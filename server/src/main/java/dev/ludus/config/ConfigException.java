package dev.ludus.config;

/** A configuration value that cannot be used; the message names the variable and what it must be. */
public final class ConfigException extends RuntimeException {

    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    /** The {@code LUDUS_*} variable at fault. */
    public String variable() {
        return variable;
    }
}

package dev.ludus.testing;

import java.util.List;

/**
 * What the harness does with the contract check, read once from {@code -Dludus.test.contract}:
 * {@code fail} (an answer that breaks {@code openapi.yaml} fails the test), {@code report} (it is
 * appended to {@code target/contract-mismatches.txt}) or {@code off}. When the property is unset,
 * the check runs if json-schema-validator 2.x is on the test class path (the server's and the SDK's
 * suites have it) and is off otherwise, so that a project testing its integration with the harness
 * need not add the validator. Apart from {@link Contract}, so that asking does not load the
 * validator's classes.
 */
final class ContractMode {

    private static final String PROPERTY = "ludus.test.contract";
    private static final String VALIDATOR = "com.networknt.schema.SchemaRegistry";
    private static final String MODE = mode(System.getProperty(PROPERTY));

    private ContractMode() { }

    /** True unless the mode is {@code off}. */
    static boolean enabled() {
        return !MODE.equals("off");
    }

    /** True when mismatches are written to a file instead of failing the test. */
    static boolean reports() {
        return MODE.equals("report");
    }

    private static String mode(String property) {
        if (property == null || property.isBlank()) {
            return validatorPresent() ? "fail" : "off";
        }
        if (!List.of("fail", "report", "off").contains(property)) {
            throw new IllegalStateException(PROPERTY + " must be fail, report or off, not '" + property + "'");
        }
        if (!property.equals("off") && !validatorPresent()) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + property
                    + " needs com.networknt:json-schema-validator 2.x on the test class path");
        }
        return property;
    }

    private static boolean validatorPresent() {
        try {
            Class.forName(VALIDATOR, false, ContractMode.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

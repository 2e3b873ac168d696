package dev.ludus.client;

import java.util.List;

/**
 * An error as the server describes it (RFC 9457 problem details): what {@link LudusException}
 * carries for a failed call, and what a failed event of a batch holds.
 *
 * @param error the machine-readable code ({@code unknown_metric}, {@code invalid_request}, ...)
 * @param field the member at fault, or null
 * @param requiredScope with {@code insufficient_permissions}: the scope needed, or null
 * @param missing with {@code unknown_rule}: the rules not defined, as {@code kind:key}, or null
 * @param usedBy with {@code rule_in_use}: the active rules that refer to the rule, or null
 */
public record Problem(String type, String title, int status, String detail, String error, String field,
        String requiredScope, List<String> missing, List<String> usedBy) { }

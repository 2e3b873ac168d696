package dev.ludus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.rulesfile.RulesFile;

/** A request to the server that did not answer 2xx, told as one line from its problem document. */
final class Refused extends RuntimeException {

    Refused(String command, String method, String path, int status, String body) {
        super(message(command, method, path, status, body), null, false, false);
    }

    private static String message(String command, String method, String path, int status, String body) {
        JsonNode problem;
        try {
            problem = body == null || body.isBlank() ? null : RulesFile.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            problem = null;
        }
        String request = method + " " + path.replaceAll("\\?.*", "");
        if (problem == null || !problem.isObject()) {
            String text = body == null ? "" : body.strip();
            return "the server refused " + request + " with " + status
                    + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
        StringBuilder message = new StringBuilder("the server refused ").append(request).append(" with ").append(status);
        if (problem.hasNonNull("error")) {
            message.append(' ').append(problem.path("error").asText());
        }
        if (problem.hasNonNull("detail")) {
            message.append(": ").append(problem.path("detail").asText());
        }
        if (problem.hasNonNull("field")) {
            message.append(" (field ").append(problem.path("field").asText()).append(')');
        }
        if (status == 401) {
            message.append("; check the token, or --tenant, --application and the API secret");
        } else if (status == 403) {
            message.append("; ").append(command).append(" needs a token with scope admin");
        }
        return message.toString();
    }
}

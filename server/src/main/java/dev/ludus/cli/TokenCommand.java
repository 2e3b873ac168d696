package dev.ludus.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ludus token}: mints an application token (HS256) with an API secret, as an application's
 * backend would. The secret is read from {@code LUDUS_API_SECRET} so that it stays out of the
 * process list.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Mint an application token (HS256) with the API secret in LUDUS_API_SECRET.")
final class TokenCommand implements Callable<Integer> {

    @Option(names = "--tenant", required = true, description = "tenant id (the iss claim)")
    String tenant;

    @Option(names = "--app", required = true, description = "application id (the aud claim)")
    String app;

    @Option(names = "--sub", defaultValue = "user_123", description = "subject, the user id (default ${DEFAULT-VALUE})")
    String subject;

    @Option(names = "--scope", split = ",", description = "scopes, comma-separated (default: the application's)")
    List<String> scopes = List.of();

    @Option(names = "--ttl", defaultValue = "3600", description = "lifetime in seconds (default ${DEFAULT-VALUE})")
    long ttlSeconds;

    @Override
    public Integer call() {
        String secret = System.getenv("LUDUS_API_SECRET");
        if (secret == null || secret.isBlank()) {
            throw new CliException("set LUDUS_API_SECRET to the application's API secret (sk_...)");
        }
        if (ttlSeconds <= 0) {
            throw new CliException("--ttl must be a positive number of seconds");
        }
        System.out.println(TokenMinter.mint(tenant, app, secret.strip(), subject, scopes, Duration.ofSeconds(ttlSeconds)));
        return 0;
    }
}

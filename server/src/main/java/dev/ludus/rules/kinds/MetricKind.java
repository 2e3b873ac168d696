package dev.ludus.rules.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.Velocity;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import java.time.Duration;
import java.util.Optional;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import java.util.Set;

/**
 * Metrics ({@code /v1/metrics}): what events count. They refer to nothing.
 *
 * <pre>{"name"?, "description"?, "allow_negative"?, "velocity"?: {"max_events", "seconds", "hold"?}}</pre>
 */
public final class MetricKind extends AbstractRuleKind<MetricRule> {

    public static final MetricKind KIND = new MetricKind();

    /** The longest window of a velocity guard: a day. */
    public static final long MAX_WINDOW_SECONDS = 86_400;

    private MetricKind() {
        super("metric", "metrics", MetricRule.class);
    }

    @Override
    public MetricRule read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "allow_negative", "velocity"));
        Optional<Velocity> velocity = body.isNull("velocity") ? Optional.empty() : body.object("velocity").map(guard -> {
            guard.allowOnly(Set.of("max_events", "seconds", "hold"));
            long events = guard.integer("max_events", 1, Velocity.MAX_EVENTS).orElseThrow(() ->
                    ApiException.invalidField(guard.field("max_events"), "'" + guard.field("max_events")
                            + "' is required: the most events allowed within the window (1 to " + Velocity.MAX_EVENTS
                            + ")"));
            long seconds = guard.integer("seconds", 1, MAX_WINDOW_SECONDS).orElseThrow(() ->
                    ApiException.invalidField(guard.field("seconds"), "'" + guard.field("seconds")
                            + "' is required: the window in seconds (1 to " + MAX_WINDOW_SECONDS + ")"));
            return new Velocity((int) events, Duration.ofSeconds(seconds), guard.bool("hold").orElse(false));
        });
        return new MetricRule(key, RuleCodec.name(body, key),
                RuleCodec.description(body), body.bool("allow_negative").orElse(false),
                velocity);
    }

    @Override
    public ObjectNode write(MetricRule metric) {
        ObjectNode node = RuleCodec.named(metric.name(), metric.description());
        node.put("allow_negative", metric.allowNegative());
        metric.velocity().ifPresentOrElse(velocity -> node.putObject("velocity")
                .put("max_events", velocity.maxEvents()).put("seconds", velocity.window().toSeconds())
                .put("hold", velocity.hold()), () -> node.putNull("velocity"));
        return node;
    }
}

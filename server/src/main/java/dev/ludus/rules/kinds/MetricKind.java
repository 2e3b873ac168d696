package dev.ludus.rules.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.MetricRule;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import java.util.Set;

/**
 * Metrics ({@code /v1/metrics}): what events count. They refer to nothing.
 *
 * <pre>{"name"?, "description"?, "allow_negative"?}</pre>
 */
public final class MetricKind extends AbstractRuleKind<MetricRule> {

    public static final MetricKind KIND = new MetricKind();

    private MetricKind() {
        super("metric", "metrics", MetricRule.class);
    }

    @Override
    public MetricRule read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "allow_negative"));
        return new MetricRule(key, body.string("name", RuleCodec.MAX_NAME).orElse(key),
                body.string("description", RuleCodec.MAX_DESCRIPTION), body.bool("allow_negative").orElse(false));
    }

    @Override
    public ObjectNode write(MetricRule metric) {
        ObjectNode node = RuleCodec.named(metric.name(), metric.description());
        node.put("allow_negative", metric.allowNegative());
        return node;
    }
}

package dev.ludus.badges;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import java.util.List;
import java.util.Set;

/**
 * Badges ({@code /v1/badges}): {@code {"name"?, "achievement", "image_url"?}}. A badge refers to its
 * achievement, which must be active when the badge is defined and cannot be archived while it is.
 */
public final class BadgeKind extends AbstractRuleKind<Badge> {

    public static final BadgeKind KIND = new BadgeKind();

    private BadgeKind() {
        super("badge", "badges", Badge.class);
    }

    @Override
    public Badge read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "achievement", "image_url"));
        return new Badge(key, body.string("name", RuleCodec.MAX_NAME).orElse(key),
                RuleCodec.referencedKey(body, "achievement"), body.string("image_url", 500));
    }

    @Override
    public ObjectNode write(Badge badge) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", badge.name());
        node.put("achievement", badge.achievement());
        node.put("image_url", badge.imageUrl().orElse(null));
        return node;
    }

    @Override
    public Set<String> references(Badge badge) {
        return Set.of("achievement:" + badge.achievement());
    }

    @Override
    public String referenceField(Badge badge, List<String> missing) {
        return "achievement";
    }
}

package dev.ludus.badges;

import java.util.Optional;

/** A badge: an image shown for an achievement. */
public record Badge(String key, String name, String achievement, Optional<String> imageUrl) { }

package dev.ludus.tenancy;

import dev.ludus.engine.ControlGroup;
import java.time.ZoneId;

/**
 * The settings of an application that writes of its users' game state follow.
 *
 * @param timezone the timezone of its users who have none of their own
 * @param controlGroupPercent the share of its users held out of the game's feedback (0 to 100)
 * @param defaultLanguage the language its answers fall back to (a BCP 47 tag)
 */
public record GameSettings(ZoneId timezone, int controlGroupPercent, String defaultLanguage) {

    /** True when {@code userId} is in the application's control group. */
    public boolean inControlGroup(String applicationId, String userId) {
        return ControlGroup.holdsOut(controlGroupPercent, applicationId, userId);
    }
}

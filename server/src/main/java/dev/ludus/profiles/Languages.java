package dev.ludus.profiles;

import dev.ludus.engine.Language;
import dev.ludus.tenancy.TenancyService;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Whom a read's answer speaks to: the user's own {@code locale}, then the request's
 * {@code Accept-Language}, then the application's {@code default_language}. One primary-key query on
 * the caller's handle. Stateless.
 */
public final class Languages {

    private Languages() { }

    /**
     * The language of an answer about {@code userId} for a request that sent {@code acceptLanguage};
     * empty when the application has no such user (the read's 404: no other query needed to know).
     */
    public static Optional<Language> ofUser(Handle handle, String applicationId, String userId,
            Optional<String> acceptLanguage) {
        return handle.createQuery("""
                        SELECT u.locale, a.default_language FROM users u JOIN applications a ON a.id = u.application_id
                        WHERE u.application_id = :application_id AND u.user_id = :user_id""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .map((rs, ctx) -> Language.of(Optional.ofNullable(rs.getString(1)), acceptLanguage, rs.getString(2)))
                .findOne();
    }

    /** The language of an answer about no user in particular (a team's). */
    public static Language ofApplication(Handle handle, String applicationId, Optional<String> acceptLanguage) {
        String fallback = handle.createQuery("SELECT default_language FROM applications WHERE id = :id")
                .bind("id", applicationId)
                .mapTo(String.class)
                .findOne()
                .orElse(TenancyService.DEFAULT_LANGUAGE);
        return Language.of(Optional.empty(), acceptLanguage, fallback);
    }
}

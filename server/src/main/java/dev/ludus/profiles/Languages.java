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
     * The language of an answer about {@code userId} (empty: about no user in particular) for a request
     * that sent {@code acceptLanguage}.
     */
    public static Language of(Handle handle, String applicationId, Optional<String> userId,
            Optional<String> acceptLanguage) {
        return handle.createQuery("""
                        SELECT a.default_language,
                            (SELECT u.locale FROM users u WHERE u.application_id = a.id AND u.user_id = :user_id)
                        FROM applications a WHERE a.id = :application_id""")
                .bind("application_id", applicationId)
                .bind("user_id", userId.orElse(""))
                .map((rs, ctx) -> Language.of(Optional.ofNullable(rs.getString(2)), acceptLanguage, rs.getString(1)))
                .findOne()
                .orElseGet(() -> Language.of(Optional.empty(), acceptLanguage, TenancyService.DEFAULT_LANGUAGE));
    }
}

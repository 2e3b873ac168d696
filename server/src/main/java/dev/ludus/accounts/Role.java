package dev.ludus.accounts;
import java.util.Optional;
public record Role(Kind kind, Optional<String> tenantId, Optional<String> applicationId) {
    public enum Kind { OPERATOR, ADMIN, VIEWER }
    public static Role operator() { return new Role(Kind.OPERATOR, Optional.empty(), Optional.empty()); }
    public static Role adminOfTenant(String t) { return new Role(Kind.ADMIN, Optional.of(t), Optional.empty()); }
    public static Role viewerOfTenant(String t) { return new Role(Kind.VIEWER, Optional.of(t), Optional.empty()); }
    public static Role adminOfApplication(String a) { return new Role(Kind.ADMIN, Optional.empty(), Optional.of(a)); }
    public static Role viewerOfApplication(String a) { return new Role(Kind.VIEWER, Optional.empty(), Optional.of(a)); }
}

package dev.ludus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the server's packages, checked on its compiled classes (tests excluded): no package
 * depends on itself through others, the engine and the store stand on nothing of Ludus, and the
 * core of the rules does not name the kinds that plug into it. See docs/architecture.md.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ludus");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        // each package a slice of its own: dev.ludus.rules and dev.ludus.rules.kinds are two
        slices().matching("dev.ludus.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineImportsNothingOfLudus() {
        noClasses().that().resideInAPackage("dev.ludus.engine")
                .should().dependOnClassesThat(ofLudusOutside("dev.ludus.engine"))
                .because("the engine is pure functions of state and events")
                .check(classes);
    }

    @Test
    void theStoreImportsNothingOfLudus() {
        noClasses().that().resideInAPackage("dev.ludus.store")
                .should().dependOnClassesThat(ofLudusOutside("dev.ludus.store"))
                .because("the store speaks its own exceptions; the HTTP layer maps them")
                .check(classes);
    }

    @Test
    void theRulesStandOnTheEngineHttpAndTheAuditLogOnlyAndNameNoKind() {
        noClasses().that().resideInAPackage("dev.ludus.rules")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "are of Ludus outside rules, engine, http and audit",
                        target -> target.getPackageName().startsWith("dev.ludus")
                                && !List.of("dev.ludus.rules", "dev.ludus.engine", "dev.ludus.http", "dev.ludus.audit")
                                        .contains(target.getPackageName())))
                .because("kinds (rules.kinds, leaderboard) register from the composition root")
                .check(classes);
    }

    @Test
    void theAuditLogStandsOnHttpOnly() {
        noClasses().that().resideInAPackage("dev.ludus.audit")
                .should().dependOnClassesThat(DescribedPredicate.describe("are of Ludus outside audit and http",
                        target -> target.getPackageName().startsWith("dev.ludus")
                                && !List.of("dev.ludus.audit", "dev.ludus.http").contains(target.getPackageName())))
                .because("every service records in it, the rules' included")
                .check(classes);
    }

    @Test
    void theAccountsStandOnTenancyAndBelowOnly() {
        List<String> allowed = List.of("dev.ludus.accounts", "dev.ludus.tenancy", "dev.ludus.audit", "dev.ludus.http",
                "dev.ludus.secrets", "dev.ludus.store", "dev.ludus.config");
        noClasses().that().resideInAPackage("dev.ludus.accounts")
                .should().dependOnClassesThat(DescribedPredicate.describe("are of Ludus outside " + allowed,
                        target -> target.getPackageName().startsWith("dev.ludus")
                                && !allowed.contains(target.getPackageName())))
                .because("the console's pages stand on the accounts, not the accounts on them")
                .check(classes);
    }

    @Test
    void theEventsPackageDoesNotKnowWhoListens() {
        noClasses().that().resideInAPackage("dev.ludus.events")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ludus.leaderboard..", "dev.ludus.webhook..")
                .because("listeners register from the composition root")
                .check(classes);
    }

    /** Classes of Ludus in another package than {@code name} (its subpackages are others too). */
    private static DescribedPredicate<JavaClass> ofLudusOutside(String name) {
        return DescribedPredicate.describe("are of Ludus outside " + name,
                target -> target.getPackageName().startsWith("dev.ludus") && !target.getPackageName().equals(name));
    }
}

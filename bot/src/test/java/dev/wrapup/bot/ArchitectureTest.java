package dev.wrapup.bot;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.regex.Pattern;

/**
 * The arrows between the modules (bot → scheduler → persistence → domain), checked on the main code
 * of all four: the bot's test classpath holds every module. A failure names the rule in a sentence
 * and lists each offending access with its source line.
 */
@AnalyzeClasses(packages = "dev.wrapup", importOptions = ArchitectureTest.MainCode.class)
class ArchitectureTest {
    /**
     * jOOQ generates these from the migrations, with cycles between its own packages; never edited.
     */
    private static final String GENERATED = "dev.wrapup.persistence.jooq";

    /** jOOQ, its generated code, and JDBC. */
    private static final DescribedPredicate<JavaClass> SQL =
            resideInAnyPackage("org.jooq..", "java.sql..", GENERATED + "..");

    /**
     * Naming a jOOQ type is not the only way to hold one: {@code database.transaction(tx -> ...)}
     * passes a DSLContext the bot never names, so calls that take or return one count too.
     */
    private static final DescribedPredicate<JavaCall<?>> TAKES_OR_RETURNS_SQL =
            DescribedPredicate.describe(
                    "take or return a jOOQ or java.sql type",
                    call ->
                            SQL.test(call.getTarget().getRawReturnType())
                                    || call.getTarget().getRawParameterTypes().stream()
                                            .anyMatch(SQL));

    @ArchTest
    static final ArchRule domainUsesOnlyTheJdk =
            classes()
                    .that()
                    .resideInAPackage("dev.wrapup.domain..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage("dev.wrapup.domain..", "java..")
                    .as("The domain uses nothing but the JDK's java.* packages")
                    .because("every module may use it, and its rules are tested as plain Java");

    @ArchTest
    static final ArchRule persistenceKnowsNeitherSlackNorQuartz =
            noClasses()
                    .that()
                    .resideInAPackage("dev.wrapup.persistence..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("com.slack..", "org.quartz..")
                    .as("Persistence uses neither the Slack SDK nor Quartz")
                    .because("it stores the domain's records, whoever asks");

    @ArchTest
    static final ArchRule schedulerKnowsNoBot =
            noClasses()
                    .that()
                    .resideInAPackage("dev.wrapup.scheduler..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.wrapup.bot..")
                    .as("The scheduler uses nothing of the bot")
                    .because(
                            "when a job must reach Slack, the scheduler declares an interface and the bot implements it");

    @ArchTest
    static final ArchRule botHoldsNoSql =
            noClasses()
                    .that()
                    .resideInAPackage("dev.wrapup.bot..")
                    .should()
                    .dependOnClassesThat(SQL)
                    .orShould()
                    .callCodeUnitWhere(TAKES_OR_RETURNS_SQL)
                    .as("The bot uses neither jOOQ nor java.sql, not even through what it calls")
                    .because(
                            "persistence speaks in the domain's terms and keeps its SQL, transactions included, "
                                    + "to itself");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().assignedFrom(new Packages())
                    .should()
                    .beFreeOfCycles()
                    .as("No package of Wrapup depends on itself through other packages")
                    .because(
                            "a cycle makes two packages one that cannot be understood, tested or moved apart");

    /**
     * The main code of every module: not the tests, nor the test helpers another module shares as a
     * jar.
     */
    static final class MainCode implements ImportOption {
        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");
        private final ImportOption noTests = new DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return noTests.includes(location) && !location.matches(TEST_JAR);
        }
    }

    /** Each package of Wrapup a slice of its own, but jOOQ's generated code one slice. */
    static final class Packages implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(GENERATED) || name.startsWith(GENERATED + ".")) {
                return SliceIdentifier.of(GENERATED);
            }
            return name.startsWith("dev.wrapup.")
                    ? SliceIdentifier.of(name)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of dev.wrapup";
        }
    }
}

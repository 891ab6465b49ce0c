package io.branchlink.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The boundaries between the agent's feature packages, checked on the main classes. */
@AnalyzeClasses(packages = "io.branchlink.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** The device ports are what simulators and hardware implement: they know nothing of the agent. */
    @ArchTest
    static final ArchRule devicePortsDependOnNothingOfTheAgent = noClasses()
            .that().resideInAPackage("io.branchlink.agent.device..")
            .should().dependOnClassesThat(resideInAPackage("io.branchlink.agent..")
                    .and(not(resideInAPackage("io.branchlink.agent.device.."))));

    @ArchTest
    static final ArchRule withdrawalDoesNotDependOnDeposit = noClasses()
            .that().resideInAPackage("io.branchlink.agent.withdrawal..")
            .should().dependOnClassesThat().resideInAPackage("io.branchlink.agent.deposit..");

    @ArchTest
    static final ArchRule depositDoesNotDependOnWithdrawal = noClasses()
            .that().resideInAPackage("io.branchlink.agent.deposit..")
            .should().dependOnClassesThat().resideInAPackage("io.branchlink.agent.withdrawal..");

    /** The flows and what they share are below the agent's wiring, never the other way round. */
    @ArchTest
    static final ArchRule flowsDoNotDependOnTheAgentsWiring = noClasses()
            .that().resideInAnyPackage("io.branchlink.agent.transaction..", "io.branchlink.agent.withdrawal..",
                    "io.branchlink.agent.deposit..", "io.branchlink.agent.journal..", "io.branchlink.agent.session..")
            .should().dependOnClassesThat().resideInAnyPackage("io.branchlink.agent.system..",
                    "io.branchlink.agent.teller..");

    @ArchTest
    static final ArchRule noCyclesBetweenFeaturePackages = slices()
            .matching("io.branchlink.agent.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule internalPackagesAreUsedOnlyByTheirFeature = classes()
            .should(onlyUseInternalsOfTheirOwnFeature());

    /** A class in {@code x.internal} may be used from {@code x} and below, from nowhere else. */
    static ArchCondition<JavaClass> onlyUseInternalsOfTheirOwnFeature() {
        return new ArchCondition<>("use only the internal packages of their own feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    int internal = (target + ".").indexOf(".internal.");
                    if (internal < 0) {
                        continue;
                    }
                    String feature = target.substring(0, internal);
                    String from = origin.getPackageName();
                    if (!(from.equals(feature) || from.startsWith(feature + "."))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}

package io.branchlink.sim;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What devices-sim's main code may use of the agent, checked on the main classes. */
@AnalyzeClasses(packages = "io.branchlink.sim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Simulated devices implement the agent's device ports and use nothing else of the agent. */
    @ArchTest
    static final ArchRule simulatedDevicesUseOnlyTheDevicePorts = noClasses()
            .that().resideInAnyPackage("io.branchlink.sim.device..", "io.branchlink.sim.app..")
            .should().dependOnClassesThat(resideInAPackage("io.branchlink.agent..")
                    .and(not(resideInAPackage("io.branchlink.agent.device.."))));

    /**
     * Only the simulated ITM assembles an agent: it needs the agent's entry point and configuration, and a journal
     * record for the power-cut hook; never the agent's flows or links.
     */
    @ArchTest
    static final ArchRule theSimulatedItmUsesOnlyTheAgentsEntryPoint = noClasses()
            .that().resideInAPackage("io.branchlink.sim.itm..")
            .should().dependOnClassesThat(resideInAPackage("io.branchlink.agent..")
                    .and(not(resideInAnyPackage("io.branchlink.agent.device..", "io.branchlink.agent.system..",
                            "io.branchlink.agent.journal.."))));

    @ArchTest
    static final ArchRule noCyclesBetweenSimulatorPackages = slices()
            .matching("io.branchlink.sim.(*)..").should().beFreeOfCycles();
}

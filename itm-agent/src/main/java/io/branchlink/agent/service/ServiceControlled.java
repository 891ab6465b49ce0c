package io.branchlink.agent.service;

/** A terminal the hub can put in and out of service. */
public interface ServiceControlled {

    /** Whether the terminal serves customers. */
    enum ServiceStatus { IN_SERVICE, OUT_OF_SERVICE }

    ServiceStatus status();
}

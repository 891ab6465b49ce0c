/**
 * Cross-cutting configuration of the hub: who it is, its Hazelcast member and cluster settings.
 */
package io.branchlink.hub.system;

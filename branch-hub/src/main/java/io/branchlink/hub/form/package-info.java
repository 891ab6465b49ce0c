/**
 * Forms staged at this branch for counter business (flow 3): the long-poll loop on channel-api's staging feed and
 * the Hazelcast map {@code hub.forms.staged} it fills, with a TTL to each form's expiry and one backup.
 *
 * @see io.branchlink.hub.form.FormFeedIntegrationTests
 * @see io.branchlink.hub.form.StagedFormsTests
 */
package io.branchlink.hub.form;

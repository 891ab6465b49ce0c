/**
 * What the counter business steps share and no other feature may use: {@link FormStatus} (the transition table the
 * status updates follow), {@link FormDraft} and {@link FormDraftRepository}.
 *
 * @see io.branchlink.channel.form.internal.FormStatusTests
 */
package io.branchlink.channel.form.internal;

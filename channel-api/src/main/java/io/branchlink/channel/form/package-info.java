/**
 * Pre-filled counter business (flow 3, docs/counter-business.md). The feature owns the customer's form drafts
 * ({@code form_drafts}), their FORM QR tokens, the staging outbox branch hubs long-poll ({@code form_staging_events}),
 * the teller's one-click decision and the business it carries out ({@code form_executions}, and the rows and
 * postings of each business), and the PDF vouchers archived for the customer and the branch ({@code vouchers}).
 *
 * <p>Read it as the flow: {@link io.branchlink.channel.form.FormController} and
 * {@link io.branchlink.channel.form.HubFormController} are the HTTP API (the app's bodies in
 * {@link io.branchlink.channel.form.FormApi}, the hubs' are the records of {@code protocol.hubapi}, which the steps
 * build); each step is one class: {@code FormDrafts}, {@code SubmitForm}, {@code StageForm}, {@code LookUpToken},
 * {@code ExpireForms}, {@code FormExecutionService} (the teller's decision) with {@code FormStaging} (the outbox),
 * {@code VoucherArchive} and {@code CounterRisk} (the risk engine's question before the business runs). These types are package-private: no other feature calls into counter business.
 *
 * <p>{@code form.internal} holds what the steps share and no other feature may use: the form's status and its
 * transition table ({@code FormStatus}), the stored form and its repository. {@code form.internal.action} holds one
 * {@code CounterAction} per catalog action, selected by {@code CounterActions}.
 *
 * @see io.branchlink.channel.form.FormIntegrationTests
 * @see io.branchlink.channel.form.FormExecutionIntegrationTests
 * @see io.branchlink.channel.form.FormRiskIntegrationTests
 * @see io.branchlink.channel.form.internal.FormStatusTests
 * @see io.branchlink.channel.ModularityTests
 */
package io.branchlink.channel.form;

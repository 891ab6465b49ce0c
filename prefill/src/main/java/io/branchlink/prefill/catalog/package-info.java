/**
 * The counter-form catalog as data: one JSON definition file per business type under
 * {@code io/branchlink/prefill/catalog/}, listed in {@code index.txt}, loaded and checked by
 * {@link io.branchlink.prefill.catalog.FormCatalog}. The format is {@code docs/prefill.md}.
 *
 * @see io.branchlink.prefill.catalog.FormCatalogTests
 */
package io.branchlink.prefill.catalog;

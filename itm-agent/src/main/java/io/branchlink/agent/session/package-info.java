/**
 * The customer session: {@link io.branchlink.agent.session.SessionState}, {@link
 * io.branchlink.agent.session.SessionEvent} and the one transition function {@link
 * io.branchlink.agent.session.SessionTransitions#transition}, written by hand as STYLE.md §7 asks.
 *
 * @see io.branchlink.agent.session.SessionTransitionsTests
 */
package io.branchlink.agent.session;

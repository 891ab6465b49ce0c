/**
 * The demo's web pages a person can watch: the simulated phone app and a live mirror of each ITM's screen, served
 * by the JDK's HTTP server next to the branch.
 */
package io.branchlink.demo.web;

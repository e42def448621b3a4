/**
 * The {@code pixelrnn} command-line tool: one class per command; user errors become one line on standard error and exit code 2.
 */
package io.github.pixelrnn.cli;

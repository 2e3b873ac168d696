/**
 * Rules as a file: the YAML of {@code ludus apply} (docs/rules-file.md), read and checked with the
 * server's own codecs ({@link dev.ludus.rulesfile.RulesFile}, problems with their lines in {@link
 * dev.ludus.rulesfile.RulesFileException}), compared with an application's rules and ordered into
 * writes ({@link dev.ludus.rulesfile.ApplyPlan}, {@link dev.ludus.rulesfile.RuleDiff}). Both {@code ludus
 * apply} (over HTTP) and the console (through {@code RulesDocument}, in process) use this one
 * implementation.
 */
package dev.ludus.rulesfile;

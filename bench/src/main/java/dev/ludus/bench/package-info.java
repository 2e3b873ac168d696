/**
 * JMH benchmarks of the server's hot code, each measured against the floor of the work it cannot
 * avoid, so that a result reads as a ratio rather than a number of operations per second that only
 * means something on the machine it came from. The build compiles them and packages
 * {@code bench/target/benchmarks.jar}; {@code bench/jmh.sh} runs them. Nothing here is part of the server.
 */
package dev.ludus.bench;

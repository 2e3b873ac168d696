/**
 * The Ludus Java SDK: {@link dev.ludus.client.LudusClient} (built with one of three authentication
 * methods), the typed calls of the endpoints the server has today, {@link dev.ludus.client.LudusException}
 * for every failed call, and {@link dev.ludus.client.Webhooks} to verify Standard Webhooks signatures.
 */
package dev.ludus.client;

package dev.ludus.events;

/** An answer ready to send: its status and its JSON body. */
public record Reply(int status, byte[] body) { }

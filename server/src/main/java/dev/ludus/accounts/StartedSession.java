package dev.ludus.accounts;
public record StartedSession(Session session, String token) {}

package fr.relais.support;

import fr.relais.platform.InvalidInputException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Called by the test route test-flaky (src/test/resources/test-routes): fails while {@link #failing} is set,
 * as a system that is down would; refuses bodies starting with "invalid" as bad input.
 */
public class FlakyService {

    public final AtomicBoolean failing = new AtomicBoolean();
    public final AtomicInteger attempts = new AtomicInteger();
    public final List<String> handled = new CopyOnWriteArrayList<>();

    public final AtomicBoolean tickFailing = new AtomicBoolean();
    public final AtomicInteger ticks = new AtomicInteger();

    /** Called by the timer route test-tick: a poll of a system that is down while {@link #tickFailing} is set. */
    public void tick() {
        ticks.incrementAndGet();
        if (tickFailing.get()) {
            throw new IllegalStateException("polled system unreachable (test)");
        }
    }

    public void handle(String body) {
        attempts.incrementAndGet();
        if (body.startsWith("invalid")) {
            throw new InvalidInputException("test-flaky: the body '" + body + "' is not a valid request");
        }
        if (failing.get()) {
            throw new IllegalStateException("downstream system unreachable (test)");
        }
        handled.add(body);
    }
}

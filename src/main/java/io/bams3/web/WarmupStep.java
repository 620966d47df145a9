package io.bams3.web;

/**
 * Further work for the warm-up: every bean of this type runs after the built-in steps, within the
 * warm-up's time limit, before the server reports ready.
 */
@FunctionalInterface
interface WarmupStep {
    void run() throws Exception;
}

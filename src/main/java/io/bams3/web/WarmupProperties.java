package io.bams3.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up before readiness ({@code bams3.warmup.*}): {@code enabled} (default true);
 * {@code timeout}, the longest the server waits for it (default 30s) before it reports ready
 * anyway; {@code rounds}, how many times the self-query runs (default 3; 0: none).
 */
@ConfigurationProperties("bams3.warmup")
record WarmupProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("3") int rounds) {}

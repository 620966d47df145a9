package io.bams3.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables a test class where {@link HeadlessChromium} cannot start, with one line saying what to
 * install (as the MinIO tests are disabled without Docker).
 */
public final class RequiresChromium implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = HeadlessChromium.unavailable();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        String reason = "browser tests skipped: " + missing.get();
        if (context.getTestMethod().isEmpty()) {
            System.out.println(context.getDisplayName() + ": " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}

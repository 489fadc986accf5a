package io.github.gridlock.samples.sharedstate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stand-in for {@code javax.annotation.concurrent.GuardedBy} / {@code net.jcip.annotations.GuardedBy}, so the
 * samples need nothing beyond the JDK. Detectors recognise a {@code GuardedBy} annotation by its simple name,
 * whatever its package; the value names the lock: a field of the same class, or {@code "this"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface GuardedBy {
    String value();
}

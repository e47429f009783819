package dev.wharf.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one real Wharf server on a free loopback port for the annotated test class, and stops it after the class.
 *
 * <p>Test methods and constructors may take a {@link WharfHandle} parameter to reach it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WharfExtension.class)
public @interface WharfTest {

    /** The storage mode: {@code memory} (the default for speed), {@code relaxed} or {@code sync}. */
    String storage() default "memory";

    /** Whether to open an HTTPS listener too. */
    boolean tls() default false;

    /** Credentials as {@code WHARF_CREDENTIALS} writes them; empty accepts any well-formed signature. */
    String credentials() default "";
}

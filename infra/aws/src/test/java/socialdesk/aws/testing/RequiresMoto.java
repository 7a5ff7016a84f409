package socialdesk.aws.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against {@link MotoServer}: where {@code moto_server} is not on the PATH,
 * every test in it is skipped with a message that says so and how to install it;
 * otherwise the shared server is started before the class and stopped when the test run ends.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MotoExtension.class)
public @interface RequiresMoto {
}

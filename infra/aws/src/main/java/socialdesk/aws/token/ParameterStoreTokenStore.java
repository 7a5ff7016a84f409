package socialdesk.aws.token;

import java.util.Objects;
import java.util.Optional;
import socialdesk.core.platform.token.TokenStore;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Platform credentials in Parameter Store, read past the function's cache ({@code GetParameter},
 * decrypted) and written with {@code PutParameter} (SecureString, {@code Overwrite}), which makes
 * the new value the parameter's next version; earlier versions stay readable as
 * {@code name:version}. Only one writer at a time gets here (the refresh lock of {@code TokenRenewal}),
 * and the IAM policy allows the write on the parameters of the platforms whose tokens expire only.
 */
public final class ParameterStoreTokenStore implements TokenStore {
    private final SsmClient client;

    public ParameterStoreTokenStore(SsmClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Optional<String> read(String parameterName) {
        try {
            return Optional.ofNullable(client.getParameter(r -> r.name(parameterName).withDecryption(true)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    /** No key id is given, so the value stays encrypted with the account's {@code aws/ssm} key. */
    @Override
    public void write(String parameterName, String secretJson) {
        client.putParameter(r -> r.name(parameterName).value(secretJson).type(ParameterType.SECURE_STRING).overwrite(true));
    }
}

package socialdesk.postsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * Who made a request, as the front door vouched for it: the console's HTTP API puts the verified
 * Cognito token's claims in {@code requestContext.authorizer.jwt.claims}; the IAM function URL puts
 * the signing principal in {@code requestContext.authorizer.iam}. The handler never reads an
 * identity from anything the caller could write (headers, body).
 */
final class Caller {
    private Caller() {
    }

    /**
     * {@code console:<name>} for a console user (Cognito, or the local sign-in), the principal's ARN
     * for a SigV4-signed caller, null when neither is known (the local stack's function URL signs nothing).
     */
    static String of(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
            return null;
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = event.getRequestContext().getAuthorizer();
        if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
            Map<String, String> claims = authorizer.getJwt().getClaims();
            String name = first(claims, "cognito:username", "username", "email", "sub");
            if (name != null) {
                return "console:" + name;
            }
        }
        if (authorizer.getIam() != null && authorizer.getIam().getUserArn() != null) {
            return authorizer.getIam().getUserArn();
        }
        return null;
    }

    private static String first(Map<String, String> claims, String... names) {
        for (String name : names) {
            String value = claims.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}

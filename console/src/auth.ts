// Signing in. Locally (`./social local`) the console server gives a session token for a name; in
// the cloud the browser signs in with Cognito's hosted page (authorization code with PKCE) and the
// HTTP API's JWT authorizer checks the access token. Either way the API sees a bearer token.

export interface ConsoleConfig {
  auth: 'local' | 'cognito';
  apiBase: string;
  cognitoDomain?: string;
  clientId?: string;
  redirectUri?: string;
}

const TOKEN = 'social-desk.token';
const USER = 'social-desk.user';
const VERIFIER = 'social-desk.pkce';

export function token(): string | null {
  return sessionStorage.getItem(TOKEN);
}

export function user(): string | null {
  return sessionStorage.getItem(USER);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(USER);
}

export async function signInLocally(name: string): Promise<void> {
  const response = await fetch('/local/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name }),
  });
  const body = (await response.json()) as { token?: string; username?: string; error?: { message: string } };
  if (!response.ok || !body.token) throw new Error(body.error?.message ?? `sign-in failed (${response.status})`);
  sessionStorage.setItem(TOKEN, body.token);
  sessionStorage.setItem(USER, body.username ?? name);
}

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  array.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the browser to Cognito's sign-in page with a fresh PKCE verifier. */
export async function startCognitoSignIn(config: ConsoleConfig): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER, verifier);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId ?? '',
    redirect_uri: config.redirectUri ?? location.origin + '/',
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${config.cognitoDomain}/oauth2/authorize?${query}`);
}

/** Back from Cognito with ?code=…: trades it for tokens, keeps the access token, cleans the address bar. */
export async function finishCognitoSignIn(config: ConsoleConfig): Promise<boolean> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  if (!code || !verifier) return false;
  const response = await fetch(`${config.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId ?? '',
      code,
      redirect_uri: config.redirectUri ?? location.origin + '/',
      code_verifier: verifier,
    }),
  });
  sessionStorage.removeItem(VERIFIER);
  history.replaceState(null, '', location.pathname + location.hash);
  if (!response.ok) return false;
  const tokens = (await response.json()) as { access_token: string };
  sessionStorage.setItem(TOKEN, tokens.access_token);
  const payload = JSON.parse(atob(tokens.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { username?: string };
  sessionStorage.setItem(USER, payload.username ?? '');
  return true;
}

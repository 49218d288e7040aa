// Minimal OpenID Connect provider for aireg integration tests (oidc-provider 9.x).
//
// Env:  IDP_PORT      port to listen on (127.0.0.1); issuer is http://127.0.0.1:$IDP_PORT
//       IDP_CLIENTS   JSON file: array of client metadata (may carry "id_token_ttl": seconds)
//       IDP_ACCOUNTS  JSON file: { "<login>": { email, email_verified, name, groups } },
//                     re-read on every lookup so tests may edit it between sign-ins.
// Prints exactly one line "ready" to stdout once listening.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.IDP_PORT);
if (!port) throw new Error('IDP_PORT is required');
const issuer = `http://127.0.0.1:${port}`;
const readJson = (envName) => JSON.parse(readFileSync(process.env[envName], 'utf8'));

// Fresh RS256 signing key per process; published at /jwks.
const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
Object.assign(jwk, { kid: randomUUID(), alg: 'RS256', use: 'sig' });

const clients = readJson('IDP_CLIENTS');
const provider = new Provider(issuer, {
  clients,
  extraClientMetadata: { properties: ['id_token_ttl'] }, // custom per-client metadata
  jwks: { keys: [jwk] },
  cookies: { keys: ['aireg-test-idp-cookie-key-1'] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true }, // default requires PKCE only for public clients; S256 is the only method in v9
  // Claims per scope. `groups` is non-standard; it rides on the `profile` scope.
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  // Put scope-requested claims into the ID token too (default: userinfo only).
  conformIdTokenClaims: false,
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount(ctx, id) {
    const claims = readJson('IDP_ACCOUNTS')[id]; // re-read on every call
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    Grant: 3600,
    Interaction: 600,
    Session: 3600,
    IdToken: (ctx, token, client) => client.metadata().id_token_ttl ?? 600,
  },
  clientBasedCORS: () => false,
  renderError(ctx, out) { // plain text error page instead of the default HTML
    ctx.type = 'text/plain';
    ctx.body = `error: ${out.error}\nerror_description: ${out.error_description ?? ''}\n`;
  },
});

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const loginPage = (uid, error) => `<!doctype html><html><body>
<h1>Test IdP sign-in</h1>${error ? `<p id="error">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}">
<input name="login" autofocus><button type="submit">Sign in</button></form></body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// GET  /interaction/:uid  -> login form
// POST /interaction/:uid  -> login=<name>; on success login + consent in one go, 303 back to /auth/:uid
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res); // needs the _interaction cookie
  const send = (status, html) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };
  if (req.method === 'GET') return send(200, loginPage(details.uid));
  if (req.method !== 'POST') return send(405, 'method not allowed');

  const login = ((await readForm(req)).get('login') ?? '').trim();
  if (!readJson('IDP_ACCOUNTS')[login]) return send(400, loginPage(details.uid, `unknown login: ${login}`));

  // Grant everything that was asked for (scopes + any claims parameter), so no consent step.
  // (There is never an earlier grant to reuse: sessions are hidden from /auth, see below.)
  const { params } = details;
  const grant = new provider.Grant({ accountId: login, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  if (params.claims) {
    const c = JSON.parse(params.claims);
    grant.addOIDCClaims([...Object.keys(c.id_token ?? {}), ...Object.keys(c.userinfo ?? {})]);
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, {
    login: { accountId: login },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

// The provider's SSO session cookie (_session, _session.sig) is hidden from /auth and
// /auth/:uid, so every authorization request starts without a session: the login form
// is always shown, and a test may switch users within one cookie jar. (With a live
// session for another user oidc-provider would instead answer the resume step with an
// auto-submitting logout form, which a non-browser client cannot follow.)
const hideSession = (cookie) => cookie.split(/;\s*/).filter((c) => !c.startsWith('_session')).join('; ');

// oidc-provider validates static clients lazily; fail fast on a bad clients file instead.
for (const c of clients) await provider.Client.validate(c);

const oidc = provider.callback();
createServer(async (req, res) => {
  if (/^\/auth(\/|\?|$)/.test(req.url) && req.headers.cookie) {
    req.headers.cookie = hideSession(req.headers.cookie);
  }
  if (!req.url.startsWith('/interaction/')) return oidc(req, res);
  try {
    await interaction(req, res);
  } catch (err) { // e.g. expired/missing interaction cookie
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`interaction error: ${err.message}\n`);
  }
}).listen(port, '127.0.0.1', () => console.log('ready'));

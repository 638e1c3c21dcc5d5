// An OpenID Certified provider (node-oidc-provider) for the single sign-on tests, configured only
// as a deployment must be (a client, accounts, keys, which claims each scope stands for) and
// otherwise as it comes: with the code flow it follows OpenID Connect Core §5.4 strictly, so the
// claims of the `email` and `profile` scopes come from the UserInfo endpoint, not the ID token.
//
//   node provider.mjs --client-id ID --client-secret SECRET --redirect-uri URI --accounts FILE
//
// Listens on 127.0.0.1 on a free port and prints its issuer URL on stdout, one line. FILE holds
// the accounts as JSON, `{"<sub>": {"email": ..., "email_verified": ..., "name": ...}}`, and is
// read each time an account is looked up, so a test may change it between sign-ins. Signing in
// goes through the built-in development pages (devInteractions): a login form that takes any
// password for a known subject, then a consent form.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string' },
    accounts: { type: 'string' },
  },
  strict: true,
});
for (const name of ['client-id', 'client-secret', 'redirect-uri', 'accounts']) {
  if (!args[name]) {
    console.error(`provider.mjs: --${name} is required`);
    process.exit(2);
  }
}

function account(sub) {
  const accounts = JSON.parse(readFileSync(args.accounts, 'utf8'));
  return Object.hasOwn(accounts, sub) ? accounts[sub] : undefined;
}

// A fresh signing key per run, so nothing secret sits in the repository.
const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: 'test-signing-key',
  use: 'sig',
  alg: 'RS256',
};

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: args['client-id'],
        client_secret: args['client-secret'],
        redirect_uris: [args['redirect-uri']],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingKey] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    async findAccount(ctx, sub) {
      const claims = account(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ ...claims, sub }) };
    },
  });
  server.on('request', provider.callback());
  console.log(issuer);
});

// The test harness ends the process; closing its stdin (the harness went away) ends it too.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

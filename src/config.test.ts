import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

describe('loadConfig', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.pendingReminderDays).toBe(7);
    expect(config.pendingSolveDays).toBe(14);
    expect(config.solvedCloseDays).toBe(7);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ RUN_JOBS: 'maybe' })).toThrow(/RUN_JOBS must be true or false/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a URL/);
  });

  it('TRUST_PROXY trusts a number of hops or named proxies, never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    // "true" once trusted every X-Forwarded-For entry, so a client could name its own address
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7' }).trustProxy).toBe('10.0.0.0/8,192.168.1.7');
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY must be false, a number/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/not an IP address or CIDR range/);
  });

  it('TRUSTED_RELAYS holds relay addresses and the authserv-ids whose verdicts count', () => {
    expect(loadConfig({ TRUSTED_RELAYS: '203.0.113.0/24, mx.google.com, 2001:db8::1' }).trustedRelays).toEqual({
      networks: ['203.0.113.0/24', '2001:db8::1'],
      authservIds: ['mx.google.com'],
    });
    expect(() => loadConfig({ TRUSTED_RELAYS: 'not a host!' })).toThrow(/TRUSTED_RELAYS/);
  });

  it('SECRET_KEY must be long enough to be a key', () => {
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(/SECRET_KEY needs at least 32 characters/);
  });

  it('STORAGE_URL names an S3 bucket, prefix, endpoint and keys; unset is disk; BUNDLE_MAX_BYTES takes units', () => {
    expect(loadConfig({}).storage).toEqual({ kind: 'disk' });
    expect(loadConfig({}).bundleMaxBytes).toBe(10 * 1024 ** 3);
    expect(loadConfig({ BUNDLE_MAX_BYTES: '500MB' }).bundleMaxBytes).toBe(500 * 1024 ** 2);
    expect(loadConfig({ BUNDLE_MAX_BYTES: '12345' }).bundleMaxBytes).toBe(12345);
    expect(() => loadConfig({ BUNDLE_MAX_BYTES: 'lots' })).toThrow(/BUNDLE_MAX_BYTES must be a size/);
    expect(
      loadConfig({
        STORAGE_URL:
          's3://AKID:se%2Fcret@logs/desk/eu/?endpoint=https%3A%2F%2Fminio.internal%3A9000&region=eu-west-1&forcePathStyle=true',
      }).storage,
    ).toEqual({
      kind: 's3',
      bucket: 'logs',
      prefix: 'desk/eu/',
      region: 'eu-west-1',
      endpoint: 'https://minio.internal:9000',
      forcePathStyle: true,
      accessKeyId: 'AKID',
      secretAccessKey: 'se/cret',
    });
    expect(loadConfig({ STORAGE_URL: 's3://logs' }).storage).toMatchObject({
      prefix: '',
      region: 'us-east-1',
      accessKeyId: undefined,
    });
    expect(() => loadConfig({ STORAGE_URL: 'https://logs.example.com' })).toThrow(/STORAGE_URL must be s3:/);
    expect(() => loadConfig({ STORAGE_URL: 's3://logs?bucket=x' })).toThrow(/unknown parameter "bucket"/);
  });

  it('single sign-on needs an https issuer and a client id; passwords go off only with it', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({}).passwordSignIn).toBe(true);
    const sso = { OIDC_ISSUER: 'https://login.example.com/realms/staff', OIDC_CLIENT_ID: 'pipefitter' };
    expect(loadConfig({ ...sso, OIDC_ADMIN_GROUPS: 'desk-admins', OIDC_LEAD_GROUPS: ' leads , tier 3,' }).oidc).toEqual(
      {
        issuer: 'https://login.example.com/realms/staff',
        clientId: 'pipefitter',
        clientSecret: undefined,
        roleClaim: 'groups',
        adminGroups: ['desk-admins'],
        leadGroups: ['leads', 'tier 3'],
        agentGroups: [],
      },
    );
    expect(loadConfig({ ...sso, PASSWORD_SIGN_IN: 'false' }).passwordSignIn).toBe(false);
    expect(loadConfig({ OIDC_ISSUER: 'http://localhost:8081', OIDC_CLIENT_ID: 'x' }).oidc?.issuer).toBe(
      'http://localhost:8081',
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'http://login.example.com', OIDC_CLIENT_ID: 'x' })).toThrow(
      /OIDC_ISSUER must be an https URL/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example.com' })).toThrow(/OIDC_ISSUER needs OIDC_CLIENT_ID/);
    expect(() => loadConfig({ PASSWORD_SIGN_IN: 'false' })).toThrow(/PASSWORD_SIGN_IN=false needs single sign-on/);
  });

  it('reads SAML single sign-on: the IdP, its certificate as PEM or bare base64, and the desk as SP', () => {
    // a self-signed certificate (openssl, EC P-256), as an IdP's metadata shows it: base64, no PEM armour
    const cert =
      'MIIBfTCCASOgAwIBAgIULsf0hz4mKaNNjPNHwgVXGfWYad4wCgYIKoZIzj0EAwIwEzERMA8GA1UEAwwIdGVzdC1pZHAwIBcNMjYxMjA2MTI0MDAyWhgPMjEyNjExMTIxMjQwMDJaMBMxETAPBgNVBAMMCHRlc3QtaWRwMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8w8p2ExYjCV9hnrkqRkqkdOsPwMeWtrVcEFrA0MIJtxNqJsPmqzTLaXwiU7qPMzt/Q1Jysd0mX240OCwi9lg76NTMFEwHQYDVR0OBBYEFAeHfaQn+ArxIOwqeXP0jZ3n83aKMB8GA1UdIwQYMBaAFAeHfaQn+ArxIOwqeXP0jZ3n83aKMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAIbbCS1VV87A798vCAwnBcmMDd9dl672d5k1xZaXsjWDAiA5x8z4O/gq1B6Pbb0qtCwuSySjDzPdrYLFxic1dL4Xfw==';
    const saml = { SAML_IDP_SSO_URL: 'https://idp.example.com/sso', SAML_IDP_ENTITY_ID: 'https://idp.example.com' };
    const config = loadConfig({ ...saml, SAML_IDP_CERT: cert, PUBLIC_URL: 'https://support.example.com' });
    expect(config.saml).toMatchObject({
      idpSsoUrl: 'https://idp.example.com/sso',
      idpEntityId: 'https://idp.example.com',
      spEntityId: 'https://support.example.com/auth/saml/metadata',
      roleAttribute: 'groups',
      linkByEmail: false,
    });
    expect(config.saml?.idpCerts[0]).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    // PEM with its line breaks written as \n (one line in an env file), and two certificates during a rollover
    const pem = `-----BEGIN CERTIFICATE-----\\n${cert}\\n-----END CERTIFICATE-----`;
    expect(loadConfig({ ...saml, SAML_IDP_CERT: `${pem},${cert}` }).saml?.idpCerts).toHaveLength(2);
    expect(loadConfig({ ...saml, SAML_IDP_CERT: cert, PASSWORD_SIGN_IN: 'false' }).passwordSignIn).toBe(false);
    expect(loadConfig({}).saml).toBeUndefined();
    expect(() => loadConfig({ ...saml, SAML_IDP_CERT: 'not a certificate' })).toThrow(/SAML_IDP_CERT must be X.509/);
    expect(() => loadConfig(saml)).toThrow(/SAML_IDP_SSO_URL needs SAML_IDP_CERT/);
    expect(() => loadConfig({ SAML_IDP_SSO_URL: 'https://idp.example.com/sso', SAML_IDP_CERT: cert })).toThrow(
      /needs SAML_IDP_ENTITY_ID/,
    );
    expect(() => loadConfig({ ...saml, SAML_IDP_SSO_URL: 'http://idp.example.com/sso', SAML_IDP_CERT: cert })).toThrow(
      /SAML_IDP_SSO_URL must be an https URL/,
    );
  });

  it('derives the public URL from the port', () => {
    expect(loadConfig({ PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ PUBLIC_URL: 'https://support.example.com/' }).publicUrl).toBe('https://support.example.com');
  });
});

it('the README documents every setting', () => {
  const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const missing = Object.keys(SETTINGS).filter((key) => !readme.includes(`\`${key}\``));
  expect(missing).toEqual([]);
});

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { freePort } from './real-component.js';

// A small SAML 2.0 identity provider on loopback. It reads the desk's AuthnRequest (HTTP-Redirect),
// shows a login page (any password), and answers with a Response whose assertion it signs with
// xml-crypto (the signer node-saml itself uses) and a key and certificate made by openssl at start,
// posted to the desk's assertion consumer by an auto-submitting form, as real IdPs do. `issue`
// makes the Response directly, with any of its checks broken, for the attacks.

export interface SamlAccount {
  /** the persistent NameID (the subject) */
  nameId: string;
  nameIdFormat?: string;
  email?: string;
  name?: string;
  groups?: string[];
}

/** What the desk asked for: the AuthnRequest's ID and where to post the answer. */
export interface SamlAsk {
  id: string;
  acs: string;
  /** the desk's entity ID (the request's Issuer): the audience of the answer */
  sp: string;
  relayState: string | null;
}

/** The Response, broken in any of the ways an attacker (or a misconfigured IdP) would. */
export interface IssueOptions {
  /** null: no InResponseTo at all (IdP-initiated) */
  inResponseTo?: string | null;
  /** the signed assertion's own (SubjectConfirmationData); null: none, under the Response's */
  subjectInResponseTo?: string | null;
  recipient?: string;
  destination?: string | null;
  audience?: string;
  issuer?: string;
  /** seconds from now until the assertion expires (negative: already expired) */
  validForSeconds?: number;
  /** which parts carry a signature; the assertion's by default */
  sign?: 'assertion' | 'response' | 'both' | 'none';
  /** 'other': a key and certificate the desk does not know */
  key?: 'idp' | 'other';
}

export interface TestSamlIdp {
  entityId: string;
  ssoUrl: string;
  /** PEM of the signing certificate, what the desk's SAML_IDP_CERT is set to */
  cert: string;
  /** by login; change an account between sign-ins to change what the IdP says */
  accounts: Map<string, SamlAccount>;
  /** The desk's ACS this IdP posts to (a real IdP posts only to registered ones). */
  registerAcs(url: string): void;
  /** Reads an AuthnRequest redirect URL as the IdP does. */
  readRequest(redirectUrl: string): SamlAsk;
  /** The Response XML (not encoded) for `login`, answering `ask`. */
  issue(ask: SamlAsk, login: string, options?: IssueOptions): string;
  /** Signs `xml`'s element with this ID (for tests that build a Response of their own shape). */
  signElement(xml: string, id: string, key?: 'idp' | 'other'): string;
  /**
   * Follows the desk's redirect through the login page as `login`, and returns the form the IdP's
   * page would post to the desk's ACS.
   */
  signIn(redirectUrl: string, login: string): Promise<{ acs: string; SAMLResponse: string; RelayState: string }>;
  close(): Promise<void>;
}

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

export const encodeSaml = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

const xmlText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export async function startSamlIdp(options: { port?: number } = {}): Promise<TestSamlIdp> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const entityId = `${base}/metadata`;
  const dir = mkdtempSync(path.join(tmpdir(), 'saml-idp-'));
  const keys = {
    idp: makeKeys(dir, 'idp'),
    other: makeKeys(dir, 'attacker'),
  };
  rmSync(dir, { recursive: true, force: true });
  const accounts = new Map<string, SamlAccount>();
  const registered = new Set<string>();

  function readRequest(redirectUrl: string): SamlAsk {
    const url = new URL(redirectUrl);
    const encoded = url.searchParams.get('SAMLRequest');
    if (!encoded) throw new Error(`no SAMLRequest in ${redirectUrl}`);
    const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
    const request = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
    if (request?.localName !== 'AuthnRequest') throw new Error(`not an AuthnRequest: ${xml}`);
    return {
      id: request.getAttribute('ID') ?? '',
      acs: request.getAttribute('AssertionConsumerServiceURL') ?? '',
      sp: request.getElementsByTagNameNS(ASSERTION, 'Issuer')[0]?.textContent ?? '',
      relayState: url.searchParams.get('RelayState'),
    };
  }

  function signElement(xml: string, id: string, key: 'idp' | 'other' = 'idp'): string {
    const signer = new SignedXml({
      privateKey: keys[key].key,
      publicCert: keys[key].cert,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    signer.addReference({
      xpath: `//*[@ID='${id}']`,
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    // the signature goes right after the element's Issuer, where the schema puts it
    signer.computeSignature(xml, {
      location: { reference: `//*[@ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' },
    });
    return signer.getSignedXml();
  }

  function issue(ask: SamlAsk, login: string, o: IssueOptions = {}): string {
    const account = accounts.get(login);
    if (!account) throw new Error(`no account ${login} at the test IdP`);
    const now = Date.now();
    const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
    const validFor = o.validForSeconds ?? 300;
    const inResponseTo = o.inResponseTo === undefined ? ask.id : o.inResponseTo;
    const subjectInResponseTo = o.subjectInResponseTo === undefined ? inResponseTo : o.subjectInResponseTo;
    const issuer = o.issuer ?? entityId;
    const responseId = `_r${randomBytes(16).toString('hex')}`;
    const assertionId = `_a${randomBytes(16).toString('hex')}`;
    const attribute = (name: string, values: string[]) =>
      `<saml:Attribute Name="${xmlText(name)}">${values
        .map((v) => `<saml:AttributeValue>${xmlText(v)}</saml:AttributeValue>`)
        .join('')}</saml:Attribute>`;
    const attributes = [
      account.email !== undefined ? attribute('email', [account.email]) : '',
      account.name !== undefined ? attribute('displayName', [account.name]) : '',
      account.groups !== undefined ? attribute('groups', account.groups) : '',
    ].join('');
    const assertion =
      `<saml:Assertion xmlns:saml="${ASSERTION}" ID="${assertionId}" Version="2.0" IssueInstant="${at(0)}">` +
      `<saml:Issuer>${xmlText(issuer)}</saml:Issuer>` +
      '<saml:Subject>' +
      `<saml:NameID Format="${account.nameIdFormat ?? PERSISTENT}">${xmlText(account.nameId)}</saml:NameID>` +
      '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
      `<saml:SubjectConfirmationData${subjectInResponseTo ? ` InResponseTo="${xmlText(subjectInResponseTo)}"` : ''} NotOnOrAfter="${at(validFor)}" Recipient="${xmlText(o.recipient ?? ask.acs)}"/>` +
      '</saml:SubjectConfirmation>' +
      '</saml:Subject>' +
      `<saml:Conditions NotBefore="${at(Math.min(-60, validFor - 600))}" NotOnOrAfter="${at(validFor)}">` +
      `<saml:AudienceRestriction><saml:Audience>${xmlText(o.audience ?? ask.sp)}</saml:Audience></saml:AudienceRestriction>` +
      '</saml:Conditions>' +
      `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_s${randomBytes(8).toString('hex')}">` +
      '<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>' +
      '</saml:AuthnStatement>' +
      (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
      '</saml:Assertion>';
    const sign = o.sign ?? 'assertion';
    const key = o.key ?? 'idp';
    const signedAssertion =
      sign === 'assertion' || sign === 'both' ? signElement(assertion, assertionId, key) : assertion;
    const destination = o.destination === undefined ? ask.acs : o.destination;
    const response =
      `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="${responseId}" Version="2.0" IssueInstant="${at(0)}"` +
      `${destination ? ` Destination="${xmlText(destination)}"` : ''}${inResponseTo ? ` InResponseTo="${xmlText(inResponseTo)}"` : ''}>` +
      `<saml:Issuer>${xmlText(issuer)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      signedAssertion +
      '</samlp:Response>';
    return sign === 'response' || sign === 'both' ? signElement(response, responseId, key) : response;
  }

  const loginPage = (request: string, relayState: string) => `<!doctype html>
<html lang="en"><head><title>Test IdP: sign in</title></head><body><main>
<h1>Sign in to the test identity provider</h1>
<form method="post" action="/sso/login">
<input type="hidden" name="request" value="${xmlText(request)}">
<input type="hidden" name="RelayState" value="${xmlText(relayState)}">
<label>Username <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button>
</form></main></body></html>`;

  const postPage = (acs: string, samlResponse: string, relayState: string) => `<!doctype html>
<html lang="en"><head><title>Test IdP: back to the service</title></head><body>
<form method="post" action="${xmlText(acs)}">
<input type="hidden" name="SAMLResponse" value="${xmlText(samlResponse)}">
<input type="hidden" name="RelayState" value="${xmlText(relayState)}">
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>document.forms[0].submit()</script>
</body></html>`;

  /** The login form's POST: the Response for the request it carries, signed, in the auto-posting form. */
  function answer(form: URLSearchParams): { status: number; html: string } {
    const request = form.get('request') ?? '';
    const ask = readRequest(request);
    if (!registered.has(ask.acs)) return { status: 400, html: `unregistered ACS ${xmlText(ask.acs)}` };
    const login = form.get('login') ?? '';
    if (!accounts.has(login)) return { status: 200, html: loginPage(request, form.get('RelayState') ?? '') };
    const xml = issue(ask, login);
    return { status: 200, html: postPage(ask.acs, encodeSaml(xml), form.get('RelayState') ?? '') };
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const send = (status: number, html: string) =>
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    if (req.method === 'GET' && url.pathname === '/sso') {
      return send(200, loginPage(url.href, url.searchParams.get('RelayState') ?? ''));
    }
    if (req.method === 'POST' && url.pathname === '/sso/login') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        try {
          const { status, html } = answer(new URLSearchParams(body));
          send(status, html);
        } catch (err) {
          send(400, xmlText(String(err)));
        }
      });
      return;
    }
    send(404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));

  return {
    entityId,
    ssoUrl: `${base}/sso`,
    cert: keys.idp.cert,
    accounts,
    registerAcs: (url) => {
      registered.add(url);
    },
    readRequest,
    issue,
    signElement,
    async signIn(redirectUrl, login) {
      const page = await fetch(redirectUrl);
      const html = await page.text();
      const request = /name="request" value="([^"]*)"/.exec(html)?.[1];
      if (page.status !== 200 || request === undefined) throw new Error(`no login page at ${redirectUrl}: ${html}`);
      const unhtml = (s: string) =>
        s.replaceAll('&quot;', '"').replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&amp;', '&');
      const relayState = unhtml(/name="RelayState" value="([^"]*)"/.exec(html)?.[1] ?? '');
      const posted = await fetch(`${base}/sso/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request: unhtml(request), RelayState: relayState, login, password: 'any' }),
      });
      const back = await posted.text();
      const acs = /<form method="post" action="([^"]*)"/.exec(back)?.[1];
      const samlResponse = /name="SAMLResponse" value="([^"]*)"/.exec(back)?.[1];
      if (posted.status !== 200 || !acs || !samlResponse) throw new Error(`the IdP did not answer: ${back}`);
      return {
        acs: unhtml(acs),
        SAMLResponse: unhtml(samlResponse),
        RelayState: unhtml(/name="RelayState" value="([^"]*)"/.exec(back)?.[1] ?? ''),
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function makeKeys(dir: string, name: string): { key: string; cert: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}

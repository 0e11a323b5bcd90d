// oidc-provider ships no types, and @types/oidc-provider is not installed: the little the test
// helper uses, declared by hand.
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    listen(port: number, host: string, listening?: () => void): Server;
  }

  export default Provider;
}

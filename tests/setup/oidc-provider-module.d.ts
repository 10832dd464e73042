// The few parts of oidc-provider (no bundled types; @types/oidc-provider is not installed) that tests/setup/oidc-provider.ts uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";
  type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
  type GrantClass = { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
  export type KoaContextWithOIDC = {
    oidc: {
      result?: { consent?: { grantId?: string } };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      client?: { clientId: string };
      provider: { Grant: GrantClass };
    };
  };
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };
  export default class Provider {
    constructor(issuer: string, configuration: {
      clients: Record<string, unknown>[];
      findAccount: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>;
      claims: Record<string, string[]>;
      features: Record<string, unknown>;
      loadExistingGrant: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
      ttl: Record<string, number>;
      cookies: { keys: string[] };
      pkce: { required: () => boolean };
    });
    listen(port: number, host: string): Server;
  }
}

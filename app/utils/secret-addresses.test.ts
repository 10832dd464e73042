import { describe, expect, it } from "vitest";
import { isSecretAddress, redactSecrets } from "./secret-addresses";

describe("secret addresses", () => {
  it.each([
    ["/shared/AbC123", "/shared/[redacted]"],
    ["/shared/AbC123.data", "/shared/[redacted].data"],
    ["/invitations/tok?x=1", "/invitations/[redacted]?x=1"],
    ["/review/tok", "/review/[redacted]"],
    ["/review/rate/rating1", "/review/rate/[redacted]"],
    ["/reset-password/tok", "/reset-password/[redacted]"],
    ["/confirm-email/tok", "/confirm-email/[redacted]"],
    ["/email/unsubscribe?token=abc.def&x=1", "/email/unsubscribe?token=[redacted]&x=1"],
    ["/email/unsubscribe.data?token=abc", "/email/unsubscribe.data?token=[redacted]"],
    ["/sso/link/tok", "/sso/link/[redacted]"],
    ["/sso/society/callback?code=abc&state=def&iss=x", "/sso/society/callback?[redacted]"],
  ])("%s is a secret and is redacted in logs", (url, redacted) => {
    expect(isSecretAddress(url.split("?")[0]!)).toBe(true);
    expect(redactSecrets(url)).toBe(redacted);
  });

  it.each(["/", "/home", "/t/abc/a-thread", "/members/jo", "/forgot-password", "/confirm-email", "/review", "/sso/link", "/sso/society/start"])("%s is not", (url) => {
    expect(isSecretAddress(url)).toBe(false);
    expect(redactSecrets(url)).toBe(url);
  });
});

/**
 * Why a sign-in through a provider did not work, in words for the member.
 * The callback redirects with only the reason's key (`?sso=<why>`), and the
 * page it lands on words it here: no text travels in the address.
 */
export const SSO_PROBLEMS = {
  "provider-down": (name: string) =>
    `${name} is not answering right now, so you could not sign in with it. Try again in a few minutes, or log in with your email and password.`,
  "no-attempt": () => "Your sign-in took too long, or was started in another browser or tab. Please start again.",
  denied: (name: string) => `Signing in with ${name} was cancelled. You can try again, or log in with your password.`,
  refused: (name: string) => `${name} refused the sign-in. Please try again.`,
  "expired-code": (name: string) => `The sign-in with ${name} expired before it finished. Please start again.`,
  "unverified-response": (name: string) =>
    `The answer from ${name} could not be verified, so you were not signed in. Please start again.`,
  "unverified-email": (name: string) =>
    `${name} did not confirm that your email address is yours, so we cannot sign you in with it. Confirm your address with ${name} first, or sign up with your email and a password.`,
  "other-account": (name: string) => `That ${name} account is connected to a different CME Commons account.`,
  "not-linked": (name: string) => `That ${name} account is not the one connected to your CME Commons account.`,
  "one-per-provider": (name: string) => `Another ${name} account is already connected to yours. Remove it first.`,
  "race": () => "Your account was being set up at the same moment in another tab. Please sign in again.",
  "no-provider": () => "That way of signing in is not available any more.",
} satisfies Record<string, (providerName: string) => string>;

export type SsoProblem = keyof typeof SSO_PROBLEMS;

export function isSsoProblem(value: unknown): value is SsoProblem {
  return typeof value === "string" && Object.hasOwn(SSO_PROBLEMS, value);
}

export function ssoProblemMessage(why: SsoProblem, providerName = "Your provider"): string {
  return SSO_PROBLEMS[why](providerName);
}

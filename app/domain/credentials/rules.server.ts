/**
 * Reads the CHCP® rule set from content/credentials/chcp-<version>.json and
 * validates it. When the certifying body changes its requirements, add or
 * edit a file there: the one in force is the latest whose `effectiveFrom` is
 * not after today. Files are read once per process (a restart picks up an edit).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { isIsoDate } from "./calendar";
import { ENTRY_KINDS, type CredentialRules } from "./rules";

const kind = z.enum(ENTRY_KINDS);

export const credentialRulesSchema = z
  .object({
    credential: z.literal("chcp"),
    version: z.string().min(1),
    effectiveFrom: z.string().refine(isIsoDate, "must be a date written YYYY-MM-DD"),
    name: z.string().min(1),
    certifyingBody: z.string().min(1),
    source: z.url({ protocol: /^https$/ }),
    cycleYears: z.number().int().min(1).max(10),
    remindMonthsBefore: z.array(z.number().int().min(1).max(24)).max(4),
    kinds: z
      .array(z.object({ kind, label: z.string().min(1), unit: z.enum(["hours", "years", "none"]), hint: z.string() }))
      .min(1),
    sections: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z0-9-]+$/),
          title: z.string().min(1),
          summary: z.string().min(1),
          options: z
            .array(
              z.object({
                key: z.string().regex(/^[a-z0-9-]+$/),
                label: z.string().min(1),
                kinds: z.array(kind).min(1),
                measure: z.enum(["hours", "years", "entries"]),
                minimum: z.number().positive(),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  })
  .superRefine((rules, context) => {
    const units = new Map(rules.kinds.map((rule) => [rule.kind, rule.unit]));
    for (const kindName of ENTRY_KINDS) {
      if (!units.has(kindName)) context.addIssue({ code: "custom", path: ["kinds"], message: `kind ${kindName} is not described` });
    }
    rules.sections.forEach((section, s) =>
      section.options.forEach((option, o) => {
        for (const optionKind of option.kinds) {
          const unit = units.get(optionKind);
          if (option.measure !== "entries" && unit !== option.measure) {
            context.addIssue({
              code: "custom",
              path: ["sections", s, "options", o, "measure"],
              message: `${optionKind} is measured in ${unit}, not ${option.measure}`,
            });
          }
        }
      }),
    );
  });

export class RulesError extends Error {}

/** Parses one rule file's text; throws RulesError naming the file and the problem. */
export function parseCredentialRules(text: string, file: string): CredentialRules {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RulesError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const result = credentialRulesSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new RulesError(`${file}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return result.data;
}

export function loadRuleSets(dir = path.resolve("content", "credentials")): CredentialRules[] {
  const files = readdirSync(dir)
    .filter((name) => /^chcp-.+\.json$/.test(name))
    .sort();
  if (files.length === 0) throw new RulesError(`${dir}: no chcp-<version>.json rule file`);
  return files.map((name) => parseCredentialRules(readFileSync(path.join(dir, name), "utf8"), path.join(dir, name)));
}

let cached: CredentialRules[] | undefined;

/** The rule set in force on `today` (YYYY-MM-DD): the latest that took effect by then. */
export function chcpRules(today: string): CredentialRules {
  cached ??= loadRuleSets();
  const inForce = cached.filter((rules) => rules.effectiveFrom <= today).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return inForce.at(-1) ?? [...cached].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0]!;
}

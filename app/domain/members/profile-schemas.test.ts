import { describe, expect, it } from "vitest";
import { AccreditationSystem, OrganizationType, RoleArchetype } from "~/generated/prisma/enums";
import {
  ACCREDITATION_SYSTEM_LABELS,
  ACCREDITATION_SYSTEM_OPTIONS,
  ORGANIZATION_TYPE_LABELS,
  ORGANIZATION_TYPE_OPTIONS,
  ROLE_ARCHETYPE_LABELS,
  ROLE_ARCHETYPE_OPTIONS,
} from "./profile-options";
import { directoryQuerySchema, profileFormSchema } from "./profile-schemas";

const visibilities = {
  professionalVisibility: "MEMBERS",
  backgroundVisibility: "MEMBERS",
  bioVisibility: "MEMBERS",
  competencyVisibility: "MEMBERS",
};
const profile = (values: Record<string, unknown>) =>
  profileFormSchema.safeParse({ displayName: "Pat Planner", handle: "pat-planner", ...visibilities, ...values });

// Issue 18 §5: values added later, and values stored since the first profiles
// whose labels changed (the stored value, and so the answer, is the same).
describe("profile options", () => {
  it.each<[string, Record<string, string>, string]>([
    ["government or military", { organizationType: "GOVERNMENT_MILITARY" }, "Government or military"],
    ["insurance", { organizationType: "INSURANCE_MANAGED_CARE" }, "Insurance or managed care"],
    ["other non-profit", { organizationType: "NONPROFIT_OTHER" }, "Other non-profit organization"],
    ["a grant maker", { organizationType: "PHARMA_DEVICE_COMPANY" }, "Pharmaceutical or device company (grant maker)"],
    ["a stored education company", { organizationType: "EDUCATION_COMPANY" }, "Medical education company (MEC)"],
    ["outcomes and evaluation", { roleArchetype: "OUTCOMES_EVALUATION" }, "Outcomes and evaluation"],
    ["grants and commercial support", { roleArchetype: "GRANTS_COMMERCIAL_SUPPORT" }, "Grants and commercial support"],
    ["a stored technologist", { roleArchetype: "MEDICAL_EDUCATION_TECHNOLOGIST" }, "Learning technology specialist"],
    ["a state medical society", { accreditationSystem: "STATE_MEDICAL_SOCIETY" }, "State medical society (intrastate, ACCME-recognized)"],
    ["Joint Accreditation", { accreditationSystem: "JOINT_ACCREDITATION" }, "Joint Accreditation (interprofessional)"],
    ["ANCC", { accreditationSystem: "ANCC" }, "ANCC (nursing)"],
    ["ACPE", { accreditationSystem: "ACPE" }, "ACPE (pharmacy)"],
    ["the Royal College", { accreditationSystem: "RCPSC" }, "Royal College of Physicians and Surgeons of Canada"],
    ["a stored ACCME", { accreditationSystem: "ACCME" }, "ACCME"],
    ["a stored EACCME", { accreditationSystem: "EACCME" }, "EACCME"],
  ])("the profile form accepts %s, keeps its value and labels it", (_name, values, label) => {
    const parsed = profile(values);
    expect(parsed.success).toBe(true);
    const [field, value] = Object.entries(values)[0]!;
    expect((parsed.data as Record<string, unknown>)[field]).toBe(value);
    const labels: Record<string, Record<string, string>> = {
      organizationType: ORGANIZATION_TYPE_LABELS,
      roleArchetype: ROLE_ARCHETYPE_LABELS,
      accreditationSystem: ACCREDITATION_SYSTEM_LABELS,
    };
    expect(labels[field]![value!]).toBe(label);
  });

  it.each<[string, Record<string, string>]>([
    ["an unknown organization type", { organizationType: "PUBLISHER" }],
    ["an unknown role", { roleArchetype: "WIZARD" }],
    ["an unknown accreditation system", { accreditationSystem: "ACCME_STATE" }],
  ])("the profile form refuses %s", (_name, values) => {
    expect(profile(values).success).toBe(false);
  });

  it.each([
    ["organizationType", "GOVERNMENT_MILITARY"],
    ["role", "GRANTS_COMMERCIAL_SUPPORT"],
    ["accreditation", "JOINT_ACCREDITATION"],
    ["role", "MEDICAL_EDUCATION_TECHNOLOGIST"],
  ])("the directory filters by %s=%s", (key, value) => {
    expect(directoryQuerySchema.parse({ [key]: value })).toEqual({ [key]: value });
  });

  it.each<[string, readonly { value: string; label: string }[], Record<string, string>]>([
    ["organization types", ORGANIZATION_TYPE_OPTIONS, OrganizationType],
    ["roles", ROLE_ARCHETYPE_OPTIONS, RoleArchetype],
    ["accreditation systems", ACCREDITATION_SYSTEM_OPTIONS, AccreditationSystem],
  ])("%s: every stored value is offered once, with its own label, and Other comes last", (_name, options, values) => {
    expect(options.map((o) => o.value).sort()).toEqual(Object.values(values).sort());
    expect(new Set(options.map((o) => o.label)).size).toBe(options.length);
    expect(options.at(-1)).toEqual({ value: "OTHER", label: "Other" });
  });
});

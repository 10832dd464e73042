/**
 * Choices on the profile form and the member directory, with the labels
 * people read. Client-safe: enum values come from Prisma's plain enum module.
 */
import type {
  AccreditationSystem,
  Background,
  CareerLevel,
  OrganizationType,
  RoleArchetype,
  Visibility,
} from "~/generated/prisma/enums";
import type { ProfileSection } from "./policy";

export type Option<T extends string = string> = { value: T; label: string };

/** Records keyed by every enum value, so adding a value without a label fails type checking. */
export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  HOSPITAL_HEALTH_SYSTEM: "Hospital or health system",
  SCHOOL_OF_MEDICINE: "School of medicine",
  MEDICAL_SOCIETY: "Medical society",
  // Stored as EDUCATION_COMPANY since the first profiles; only the label changed.
  EDUCATION_COMPANY: "Medical education company (MEC)",
  NONPROFIT_OTHER: "Other non-profit organization",
  GOVERNMENT_MILITARY: "Government or military",
  INSURANCE_MANAGED_CARE: "Insurance or managed care",
  PHARMA_DEVICE_COMPANY: "Pharmaceutical or device company (grant maker)",
  OTHER: "Other",
};

export const ROLE_ARCHETYPE_LABELS: Record<RoleArchetype, string> = {
  ACCREDITATION_SPECIALIST: "Accreditation specialist",
  PROGRAM_DEVELOPER: "Program developer",
  // Stored as MEDICAL_EDUCATION_TECHNOLOGIST since the first profiles; only the label changed.
  MEDICAL_EDUCATION_TECHNOLOGIST: "Learning technology specialist",
  ACADEMIC_CME_LEADER: "Academic CME leader",
  OUTCOMES_EVALUATION: "Outcomes and evaluation",
  GRANTS_COMMERCIAL_SUPPORT: "Grants and commercial support",
  OTHER: "Other",
};

export const CAREER_LEVEL_LABELS: Record<CareerLevel, string> = {
  COORDINATOR: "Coordinator",
  MANAGER: "Manager",
  DIRECTOR: "Director",
  VICE_PRESIDENT: "Vice president",
  OTHER: "Other",
};

export const BACKGROUND_LABELS: Record<Background, string> = {
  CLINICAL: "Clinical",
  ADMINISTRATIVE: "Administrative",
  MEETING_PLANNING: "Meeting planning",
  EDUCATION: "Education",
  OTHER: "Other",
};

export const ACCREDITATION_SYSTEM_LABELS: Record<AccreditationSystem, string> = {
  ACCME: "ACCME",
  STATE_MEDICAL_SOCIETY: "State medical society (intrastate, ACCME-recognized)",
  JOINT_ACCREDITATION: "Joint Accreditation (interprofessional)",
  ANCC: "ANCC (nursing)",
  ACPE: "ACPE (pharmacy)",
  RCPSC: "Royal College of Physicians and Surgeons of Canada",
  EACCME: "EACCME",
  OTHER: "Other",
};

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  PUBLIC: "Public",
  MEMBERS: "Members only",
  PRIVATE: "Only me",
};

/** Who a visibility setting lets in, in words that follow a label: "Members only — signed-in members". */
export const VISIBILITY_AUDIENCES: Record<Visibility, string> = {
  PUBLIC: "everyone, including visitors who are not signed in",
  MEMBERS: "signed-in members of CME Commons",
  PRIVATE: "only you",
};

/** Credentials offered as checkboxes; anything else is typed in as free text. */
export const CREDENTIAL_CHOICES = ["CHCP", "PMP", "MHA"] as const;
export type CredentialChoice = (typeof CREDENTIAL_CHOICES)[number];

export const CREDENTIAL_LABELS: Record<CredentialChoice, string> = {
  CHCP: "CHCP® — Certified Healthcare CPD Professional",
  PMP: "PMP — Project Management Professional",
  MHA: "MHA — Master of Health Administration",
};

function toOptions<T extends string>(labels: Record<T, string>): Option<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export const ORGANIZATION_TYPE_OPTIONS = toOptions(ORGANIZATION_TYPE_LABELS);
export const ROLE_ARCHETYPE_OPTIONS = toOptions(ROLE_ARCHETYPE_LABELS);
export const CAREER_LEVEL_OPTIONS = toOptions(CAREER_LEVEL_LABELS);
export const BACKGROUND_OPTIONS = toOptions(BACKGROUND_LABELS);
export const ACCREDITATION_SYSTEM_OPTIONS = toOptions(ACCREDITATION_SYSTEM_LABELS);
export const VISIBILITY_OPTIONS = toOptions(VISIBILITY_LABELS);
export const CREDENTIAL_OPTIONS: Option<CredentialChoice>[] = CREDENTIAL_CHOICES.map((value) => ({
  value,
  label: CREDENTIAL_LABELS[value],
}));

/** The four parts of a profile, each with its own visibility. */
export const PROFILE_SECTION_LABELS: Record<ProfileSection, string> = {
  professional: "Professional details",
  background: "Background",
  about: "About",
  competencies: "Competency summary",
};

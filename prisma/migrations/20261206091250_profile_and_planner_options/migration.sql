-- Issue 18 §5: more organization types, roles and accreditation systems.
-- Values are only added (stored answers keep their meaning); renamed labels
-- live in app/domain/members/profile-options.ts. Each new value is placed
-- where schema.prisma lists it (written by hand: BEFORE …), so the database's
-- enum order matches the schema's. Needs PostgreSQL 12 or later (ADD VALUE
-- inside the migration's transaction; the new values are not used in it).

-- AlterEnum
ALTER TYPE "AccreditationSystem" ADD VALUE 'STATE_MEDICAL_SOCIETY' BEFORE 'EACCME';
ALTER TYPE "AccreditationSystem" ADD VALUE 'JOINT_ACCREDITATION' BEFORE 'EACCME';
ALTER TYPE "AccreditationSystem" ADD VALUE 'ANCC' BEFORE 'EACCME';
ALTER TYPE "AccreditationSystem" ADD VALUE 'ACPE' BEFORE 'EACCME';
ALTER TYPE "AccreditationSystem" ADD VALUE 'RCPSC' BEFORE 'EACCME';

-- AlterEnum
ALTER TYPE "OrganizationType" ADD VALUE 'NONPROFIT_OTHER' BEFORE 'OTHER';
ALTER TYPE "OrganizationType" ADD VALUE 'GOVERNMENT_MILITARY' BEFORE 'OTHER';
ALTER TYPE "OrganizationType" ADD VALUE 'INSURANCE_MANAGED_CARE' BEFORE 'OTHER';
ALTER TYPE "OrganizationType" ADD VALUE 'PHARMA_DEVICE_COMPANY' BEFORE 'OTHER';

-- AlterEnum
ALTER TYPE "RoleArchetype" ADD VALUE 'OUTCOMES_EVALUATION' BEFORE 'OTHER';
ALTER TYPE "RoleArchetype" ADD VALUE 'GRANTS_COMMERCIAL_SUPPORT' BEFORE 'OTHER';

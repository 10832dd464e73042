/**
 * Demo data for `npm run db:seed -- --demo`: a living site for a newcomer to
 * explore. Each feature adds its own demo records here as its tables arrive
 * (members with the accounts feature, an association and threads with the
 * discussions feature); the competency framework itself comes from content/.
 */
export async function seedDemo(): Promise<string[]> {
  return ["demo: the framework is the only demo content so far (members, associations and threads come with their features)"];
}

import { countWord } from "~/utils/numbers";

/** A framework version's stages of proficiency, in order, each with its general description. */
export function FrameworkStages({ stages }: { stages: { slug: string; name: string; summary: string }[] }) {
  return (
    <section aria-labelledby="stages-title" className="mt-10">
      <h2 id="stages-title" className="text-2xl font-semibold">
        {countWord(stages.length, { capitalized: true })} stages of proficiency
      </h2>
      <ol className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {stages.map((stage, index) => (
          <li key={stage.slug} className="rounded-lg border border-stone-200 bg-white p-4">
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">Stage {index + 1}</p>
            <h3 className="font-semibold">{stage.name}</h3>
            <p className="mt-1 text-sm text-stone-700">{stage.summary}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

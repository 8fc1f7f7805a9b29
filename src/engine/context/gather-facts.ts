/**
 * Gathers the repository facts once per review: manifests and their declared
 * packages, whether CSRF protection or a rate limiter is installed, model
 * primary-key types … Files are read lazily by path and only those the facts
 * need (manifests, app setup, models), so a small pull request costs little
 * on a large repository.
 */
import type { SourceFile } from "../analyze.js";
import { emptyFacts, type RepoFacts } from "./repo-facts.js";
import type { RepoReader } from "./repo-reader.js";
import { FLAG_DETECTORS, isSetupCandidate } from "./flags.js";
import { addModelFacts, isModelFileCandidate, MAX_MODEL_FILES } from "./models.js";
import { gatherNodeManifests, selectNodeContextPaths } from "./node-manifests.js";
import { gatherPythonManifests, selectPythonManifests } from "./python-manifests.js";

/** At most this many app-setup files are read for the flags. */
export const MAX_SETUP_FILES = 80;

export async function gatherFacts(reader: RepoReader, changedFiles: readonly SourceFile[]): Promise<RepoFacts> {
  const facts = emptyFacts();
  const paths = await reader.listPaths();
  const known = new Map(changedFiles.map((f) => [f.path, f.content]));
  const read = async (path: string): Promise<string | undefined> => known.get(path) ?? (await reader.readFile(path));

  const setupPaths = paths.filter(isSetupCandidate).slice(0, MAX_SETUP_FILES);
  await reader.prefetch?.(setupPaths.filter((p) => !known.has(p)));
  const texts: Array<{ path: string; text: string }> = [];
  for (const path of new Set([...setupPaths, ...known.keys()])) {
    const text = await read(path);
    if (text !== undefined) texts.push({ path, text });
  }
  for (const [flag, detect] of Object.entries(FLAG_DETECTORS)) {
    facts.flags[flag] = detect({ paths, texts });
  }
  // Primary-key types and unique columns of the SQLAlchemy models: model files by path, plus changed Python files.
  const modelPaths = paths.filter(isModelFileCandidate).slice(0, MAX_MODEL_FILES);
  const modelSet = new Set(modelPaths);
  const changedModels = [...known.keys()]
    .filter((p) => p.endsWith(".py") && !modelSet.has(p) && !/(^|\/)(tests?|migrations|alembic|versions)\//.test(p))
    .filter((p) => /primary_key|unique\s*=\s*True|UniqueConstraint/.test(known.get(p) ?? ""))
    .slice(0, MAX_MODEL_FILES);
  await reader.prefetch?.(modelPaths.filter((p) => !known.has(p)));
  for (const path of [...modelPaths, ...changedModels]) {
    const text = await read(path);
    if (text !== undefined) addModelFacts(facts, text);
  }
  // Dependency manifests: requirements/pyproject/setup.cfg/Pipfile/setup.py, package.json and tsconfig/jsconfig.
  const node = selectNodeContextPaths(paths);
  await reader.prefetch?.([...selectPythonManifests(paths), ...node.manifests, ...node.configs].filter((p) => !known.has(p)));
  Object.assign(facts, await gatherPythonManifests(paths, read));
  facts.nodeManifests = await gatherNodeManifests(paths, read);
  return facts;
}

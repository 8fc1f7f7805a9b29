/**
 * Facts about the whole repository at the head SHA that cross-file rules
 * decide from. Gathered once per review by gather-facts.ts; the analysis
 * itself only reads them.
 */
export interface NodeManifest {
  path: string;
  dependencies: Set<string>;
  devDependencies: Set<string>;
}

export interface RepoFacts {
  /** Named yes/no facts that rule matchers test with `when:`. */
  flags: Record<string, boolean>;
  /** Normalized Python distribution names declared by any manifest (PEP 503 normalized). */
  pythonDeclared: Set<string>;
  /** Python distributions declared only for development/tests. */
  pythonDevDeclared: Set<string>;
  /** Whether any Python manifest exists at all (without one, the check cannot judge). */
  pythonManifestFound: boolean;
  /** Top-level Python modules and packages that live in the repository. */
  pythonLocalModules: Set<string>;
  /** package.json files by directory ("" for the root). */
  nodeManifests: NodeManifest[];
  /** SQLAlchemy table name → column type of its primary key (`id`). */
  primaryKeyTypes: Map<string, string>;
}

export function emptyFacts(): RepoFacts {
  return {
    flags: {},
    pythonDeclared: new Set(),
    pythonDevDeclared: new Set(),
    pythonManifestFound: false,
    pythonLocalModules: new Set(),
    nodeManifests: [],
    primaryKeyTypes: new Map(),
  };
}

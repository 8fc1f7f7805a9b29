/**
 * Facts about the whole repository at the head SHA that cross-file rules
 * decide from. Gathered once per review by gather-facts.ts; the analysis
 * itself only reads them.
 */
export interface NodeManifest {
  /** The folder of the package.json ("" for the root). */
  path: string;
  /** The package's own name: imports of it, or of any workspace package, are local. */
  name?: string;
  /** dependencies, peerDependencies, optionalDependencies and bundled dependencies. */
  dependencies: Set<string>;
  devDependencies: Set<string>;
  /** Import prefixes that resolve inside the repository: tsconfig/jsconfig `paths` keys (`@/*`) and `baseUrl` entries. */
  aliases: string[];
  /** Whether a bundler (vite, webpack, next …) builds the package: dev dependencies end up in its bundle. */
  bundled: boolean;
}

export interface RepoFacts {
  /** Named yes/no facts that rule matchers test with `when:`. */
  flags: Record<string, boolean>;
  /**
   * Normalized Python distribution names declared by any manifest (PEP 503 normalized),
   * with the hard requirements of well-known ones (Flask brings Werkzeug; context/python-manifests.ts).
   */
  pythonDeclared: Set<string>;
  /** Python distributions declared only for development/tests. */
  pythonDevDeclared: Set<string>;
  /** Whether any Python manifest exists at all (without one, the check cannot judge). */
  pythonManifestFound: boolean;
  /** Folders the Python manifests speak for ("" for the root); files outside all of them cannot be judged. */
  pythonManifestDirs: string[];
  /** Top-level Python modules and packages that live in the repository. */
  pythonLocalModules: Set<string>;
  /** package.json files by directory ("" for the root). */
  nodeManifests: NodeManifest[];
  /**
   * SQLAlchemy table name (and `table.column`) → type family of its single-column
   * primary key: `uuid`, `integer`, `string`, or `ambiguous` (context/models.ts).
   */
  primaryKeyTypes: Map<string, string>;
  /** `model.column` (model stem: `users`, `User`, `UserBase` → `user`) of columns the models declare unique (context/models.ts). */
  uniqueColumns: Set<string>;
}

export function emptyFacts(): RepoFacts {
  return {
    flags: {},
    pythonDeclared: new Set(),
    pythonDevDeclared: new Set(),
    pythonManifestFound: false,
    pythonManifestDirs: [],
    pythonLocalModules: new Set(),
    nodeManifests: [],
    primaryKeyTypes: new Map(),
    uniqueColumns: new Set(),
  };
}

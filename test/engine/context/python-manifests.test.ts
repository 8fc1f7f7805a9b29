/** The Python manifest parsers, on the syntax real projects write. */
import { describe, expect, it } from "vitest";
import {
  gatherPythonManifests,
  isDevRequirementsPath,
  isPythonManifestPath,
  manifestScope,
  normalizeDistName,
  parsePep508,
  parsePipfile,
  parsePyprojectToml,
  parseRequirementsTxt,
  parseSetupCfg,
  parseSetupPy,
  parseToxIni,
  pythonLocalModules,
  withImplied,
  type ParsedPythonManifest,
} from "../../../src/engine/context/python-manifests.js";
import { PYTHON_STDLIB } from "../../../src/engine/context/python-stdlib.js";

const names = (reqs: ParsedPythonManifest["prod"]) => reqs.map((r) => r.name);

describe("normalizeDistName (PEP 503)", () => {
  it.each([
    ["Flask-WTF", "flask-wtf"],
    ["flask_sqlalchemy", "flask-sqlalchemy"],
    ["ruamel.yaml", "ruamel-yaml"],
    ["Foo__Bar--baz..qux", "foo-bar-baz-qux"],
    ["PyYAML", "pyyaml"],
  ])("%s → %s", (input, expected) => expect(normalizeDistName(input)).toBe(expected));
});

describe("parsePep508", () => {
  it("reads names, extras, specifiers and markers", () => {
    expect(parsePep508('PyJWT[crypto, asyncio] >=2.8,<3 ; python_version < "3.13"')).toEqual({ name: "pyjwt", extras: ["crypto", "asyncio"] });
    expect(parsePep508("requests")).toEqual({ name: "requests", extras: [] });
    expect(parsePep508("zope.interface>=6")).toEqual({ name: "zope-interface", extras: [] });
    expect(parsePep508("pip @ https://github.com/pypa/pip/archive/22.0.2.zip")).toEqual({ name: "pip", extras: [] });
    expect(parsePep508("   ")).toBeUndefined();
  });
});

describe("parseRequirementsTxt", () => {
  const text = [
    "# comment line",
    "-r base.txt",
    "--requirement=../shared/common.txt",
    "-c constraints.txt",
    "--index-url https://pypi.example.com/simple",
    "--extra-index-url=https://download.pytorch.org/whl/cpu",
    "-f ./wheels",
    "--pre",
    "Flask-WTF>=1.2.0  # CSRF",
    'importlib-metadata>=6; python_version < "3.10"',
    "uvicorn[standard]==0.30.1 \\",
    "    --hash=sha256:aaaa \\",
    "    --hash=sha256:bbbb",
    "-e git+https://github.com/org/internal-lib.git@main#egg=internal_lib",
    "-e .",
    "git+https://github.com/org/other.git#egg=other-pkg-1.0",
    "django-debug-toolbar @ git+https://github.com/jazzband/django-debug-toolbar.git@4.4",
    "https://files.example.com/packages/Some_Wheel-1.2.3-py3-none-any.whl",
    "./vendor/local_pkg-0.1.tar.gz",
    "numpy==1.26.4 ; sys_platform != 'win32'",
    "${PRIVATE_PKG_URL}",
  ].join("\n");

  it("reads every requirement form and resolves includes against the file's folder", () => {
    const parsed = parseRequirementsTxt(text, "requirements/prod.txt");
    expect(names(parsed.prod)).toEqual([
      "flask-wtf",
      "importlib-metadata",
      "uvicorn",
      "internal-lib",
      "other-pkg",
      "django-debug-toolbar",
      "some-wheel",
      "local-pkg",
      "numpy",
    ]);
    expect(parsed.prod.find((r) => r.name === "uvicorn")?.extras).toEqual(["standard"]);
    expect(parsed.includes).toEqual([
      { path: "requirements/base.txt", dev: false },
      { path: "shared/common.txt", dev: false },
      { path: "pyproject.toml", dev: false },
      { path: "setup.cfg", dev: false },
      { path: "setup.py", dev: false },
    ]);
    expect(parsed.dev).toEqual([]);
  });

  it("a local project install (`-e .`, `./libs/core`) is judged by that project's own manifest", () => {
    const parsed = parseRequirementsTxt("flask\n-e .[dev]\n./libs/core\n", "backend/requirements.txt");
    expect(parsed.judgeable).toBe(false);
    expect(parsed.includes.map((i) => i.path)).toEqual([
      "backend/pyproject.toml",
      "backend/setup.cfg",
      "backend/setup.py",
      "backend/libs/core/pyproject.toml",
      "backend/libs/core/setup.cfg",
      "backend/libs/core/setup.py",
    ]);
    expect(parseRequirementsTxt("flask\n", "requirements.txt").judgeable).toBe(true);
  });

  it("files for development go to the dev list", () => {
    expect(names(parseRequirementsTxt("pytest\n", "requirements-dev.txt").dev)).toEqual(["pytest"]);
    expect(names(parseRequirementsTxt("pytest\n", "requirements/test.txt").dev)).toEqual(["pytest"]);
  });

  it.each([
    ["requirements.txt", false],
    ["requirements.in", false],
    ["requirements/base.txt", false],
    ["requirements/production.txt", false],
    ["requirements-dev.txt", true],
    ["dev-requirements.txt", true],
    ["test_requirements.txt", true],
    ["requirements_test.in", true],
    ["requirements/local.txt", true],
    ["docs/requirements.txt", true],
    ["requirements.docs.txt", true],
  ])("%s is dev-only: %s", (path, dev) => expect(isDevRequirementsPath(path)).toBe(dev));
});

describe("isPythonManifestPath", () => {
  it.each([
    ["requirements.txt", true],
    ["backend/requirements-prod.txt", true],
    ["requirements/base.in", true],
    ["pyproject.toml", true],
    ["Pipfile", true],
    ["Pipfile.lock", false],
    ["MANIFEST.in", false],
    ["Makefile.pre.in", false],
    ["node_modules/x/requirements.txt", false],
    [".venv/lib/python3.11/site-packages/pkg/setup.py", false],
  ])("%s: %s", (path, expected) => expect(isPythonManifestPath(path)).toBe(expected));
});

describe("parsePyprojectToml", () => {
  it("reads PEP 621 dependencies, optional dependencies and PEP 735 groups", () => {
    const parsed = parsePyprojectToml(`
[build-system]
requires = ["setuptools>=68", "wheel"]

[project]
name = "svc"
dependencies = ["fastapi[standard]>=0.110", "SQLAlchemy>=2"]

[project.optional-dependencies]
postgres = ["psycopg[binary]"]
test = ["pytest", "pytest-asyncio"]
docs = ["mkdocs"]

[dependency-groups]
lint = ["ruff"]
dev = ["coverage", { include-group = "lint" }]
`);
    expect(parsed.judgeable).toBe(true);
    expect(names(parsed.prod)).toEqual(["fastapi", "sqlalchemy", "psycopg"]);
    expect(names(parsed.dev)).toEqual(["pytest", "pytest-asyncio", "mkdocs", "ruff", "coverage", "ruff", "setuptools", "wheel"]);
  });

  it("reads Poetry dependencies and groups, leaving out python", () => {
    const parsed = parsePyprojectToml(`
[tool.poetry]
name = "shop"

[tool.poetry.dependencies]
python = "^3.11"
Django = "^5.0"
celery = { version = "^5.3", extras = ["redis"] }
internal = { git = "https://github.com/org/internal.git" }

[tool.poetry.dev-dependencies]
black = "*"

[tool.poetry.group.test.dependencies]
pytest-django = "^4.8"

[tool.poetry.group.worker.dependencies]
flower = "^2.0"
`);
    expect(parsed.judgeable).toBe(true);
    expect(names(parsed.prod)).toEqual(["django", "celery", "internal", "flower"]);
    expect(parsed.prod[1]!.extras).toEqual(["redis"]);
    expect(names(parsed.dev)).toEqual(["black", "pytest-django"]);
  });

  it("reads PDM dev dependencies, Hatch environments and Flit metadata", () => {
    const parsed = parsePyprojectToml(`
[project]
name = "x"
dependencies = ["httpx"]

[tool.pdm.dev-dependencies]
test = ["pytest>=8"]

[tool.hatch.envs.lint]
dependencies = ["ruff"]

[tool.flit.metadata]
requires = ["attrs"]
`);
    expect(names(parsed.prod)).toEqual(["httpx", "attrs"]);
    expect(names(parsed.dev)).toEqual(["pytest", "ruff"]);
  });

  it("follows setuptools dynamic dependencies to their files", () => {
    const parsed = parsePyprojectToml(
      `
[project]
name = "x"
dynamic = ["dependencies", "optional-dependencies"]

[tool.setuptools.dynamic]
dependencies = { file = ["requirements.txt"] }
optional-dependencies.dev = { file = ["requirements-dev.txt"] }
`,
      "services/api/pyproject.toml",
    );
    expect(parsed.judgeable).toBe(true);
    expect(parsed.includes).toEqual([
      { path: "services/api/requirements.txt", dev: false },
      { path: "services/api/requirements-dev.txt", dev: true },
    ]);
  });

  it("a tool-configuration-only pyproject or dynamic dependencies it cannot follow are not judgeable", () => {
    expect(parsePyprojectToml(`[tool.black]\nline-length = 100\n`).judgeable).toBe(false);
    expect(parsePyprojectToml(`[project]\nname = "x"\ndynamic = ["dependencies"]\n`).judgeable).toBe(false);
    expect(parsePyprojectToml(`this is [not toml`).judgeable).toBe(false);
  });
});

describe("parseSetupCfg", () => {
  it("reads install_requires, extras and the file: directive", () => {
    const parsed = parseSetupCfg(
      `
[metadata]
name = reports

[options]
install_requires =
    requests>=2.31
    # a comment
    Jinja2>=3.1  # templates
    importlib-metadata; python_version < "3.10"
setup_requires = setuptools_scm
tests_require = pytest; mock

[options.extras_require]
pdf = WeasyPrint>=61
testing =
    pytest-cov
`,
      "pkg/setup.cfg",
    );
    expect(parsed.judgeable).toBe(true);
    expect(names(parsed.prod)).toEqual(["requests", "jinja2", "importlib-metadata", "weasyprint"]);
    expect(names(parsed.dev)).toEqual(["setuptools-scm", "pytest", "mock", "pytest-cov"]);
    expect(parseSetupCfg("[options]\ninstall_requires = file: requirements.in\n", "pkg/setup.cfg").includes).toEqual([
      { path: "pkg/requirements.in", dev: false },
    ]);
  });

  it("a setup.cfg holding only tool settings is not judgeable", () => {
    expect(parseSetupCfg("[flake8]\nmax-line-length = 100\n").judgeable).toBe(false);
  });
});

describe("parsePipfile", () => {
  it("reads packages and dev-packages", () => {
    const parsed = parsePipfile(`
[[source]]
url = "https://pypi.org/simple"

[packages]
Flask = "*"
requests = { version = ">=2.31", extras = ["socks"] }

[dev-packages]
pytest = "*"
`);
    expect(names(parsed.prod)).toEqual(["flask", "requests"]);
    expect(parsed.prod[1]!.extras).toEqual(["socks"]);
    expect(names(parsed.dev)).toEqual(["pytest"]);
  });
});

describe("parseSetupPy", () => {
  it("reads a literal install_requires, a module-level list it names, and extras_require", () => {
    const parsed = parseSetupPy(`
from setuptools import setup

REQUIRES = [
    "click>=8",  # CLI
    'rich[jupyter]',
]

setup(
    name="tool",
    install_requires=REQUIRES,
    extras_require={
        "yaml": ["PyYAML>=6"],
        "test": ["pytest", "pytest-cov[all]"],
    },
    tests_require=["mock"],
)
`);
    expect(parsed.judgeable).toBe(true);
    expect(names(parsed.prod)).toEqual(["click", "rich", "pyyaml"]);
    expect(names(parsed.dev)).toEqual(["mock", "pytest", "pytest-cov"]);
  });

  it("a setup.py that computes its requirements is not judgeable", () => {
    expect(parseSetupPy(`setup(install_requires=open("requirements.txt").read().splitlines())`).judgeable).toBe(false);
    expect(parseSetupPy(`setup(name="x")`).judgeable).toBe(false);
  });
});

describe("parseToxIni", () => {
  it("reads deps of every testenv as development requirements", () => {
    const parsed = parseToxIni(`
[tox]
envlist = py311, lint

[testenv]
deps =
    pytest
    -r requirements-dev.txt
    py38: mock
commands = pytest

[testenv:lint]
deps = ruff
`);
    expect(names(parsed.dev)).toEqual(["pytest", "mock", "ruff"]);
    expect(parsed.includes).toEqual([{ path: "requirements-dev.txt", dev: true }]);
    expect(parsed.judgeable).toBe(false);
  });
});

describe("manifestScope", () => {
  it.each([
    ["requirements.txt", ""],
    ["backend/requirements.txt", "backend"],
    ["requirements/base.txt", ""],
    ["backend/requirements/prod.txt", "backend"],
    ["docker/requirements.txt", ""],
    ["Doc/requirements.txt", "Doc"],
  ])("%s speaks for %j", (path, scope) => expect(manifestScope(path)).toBe(scope));
});

describe("pythonLocalModules", () => {
  it("finds top-level modules and packages, src layouts, and not modules inside packages", () => {
    const local = pythonLocalModules([
      "app.py",
      "shop/__init__.py",
      "shop/celery.py",
      "src/inventory/__init__.py",
      "src/inventory/main.py",
      "scripts/helpers.py",
      "ext/_speedups.cpython-311-x86_64-linux-gnu.so",
      "README.md",
    ]);
    expect([...local].sort()).toEqual(["_speedups", "app", "ext", "helpers", "inventory", "scripts", "shop", "src"]);
  });
});

describe("withImplied", () => {
  it("adds the hard requirements of well-known distributions, transitively and by extra", () => {
    const declared = withImplied([
      { name: "flask-migrate", extras: [] },
      { name: "celery", extras: ["redis"] },
    ]);
    for (const name of ["flask", "werkzeug", "jinja2", "markupsafe", "sqlalchemy", "alembic", "kombu", "redis"]) expect(declared).toContain(name);
    expect([...declared].some((n) => n.includes("["))).toBe(false);
  });
});

describe("gatherPythonManifests", () => {
  it("follows -r includes, keeps dev-only apart and records where manifests apply", async () => {
    const files: Record<string, string> = {
      "requirements.txt": "-r requirements/base.txt\nwaitress\n",
      "requirements/base.txt": "Flask>=3\n",
      "requirements-dev.txt": "-r requirements.txt\npytest\n",
      "docs/requirements.txt": "sphinx\n",
      "pyproject.toml": "[tool.black]\nline-length = 100\n",
      "app.py": "import flask\n",
    };
    const facts = await gatherPythonManifests(Object.keys(files), async (p) => files[p]);
    expect(facts.pythonManifestFound).toBe(true);
    expect(facts.pythonManifestDirs).toEqual(["", "docs"]);
    for (const name of ["flask", "werkzeug", "waitress", "pytest", "sphinx"]) expect(facts.pythonDeclared).toContain(name);
    expect([...facts.pythonDevDeclared].sort()).toContain("pytest");
    expect(facts.pythonDevDeclared.has("flask")).toBe(false);
    expect(facts.pythonDevDeclared.has("waitress")).toBe(false);
    expect(facts.pythonLocalModules.has("app")).toBe(true);
  });

  it("a requirements file that installs the project itself is judged by the project's manifest", async () => {
    const dynamic: Record<string, string> = { "requirements.txt": "-e .\n", "setup.py": "setup(install_requires=read_reqs())\n" };
    expect((await gatherPythonManifests(Object.keys(dynamic), async (p) => dynamic[p])).pythonManifestFound).toBe(false);
    const literal: Record<string, string> = { "requirements.txt": "-e .\n", "setup.py": "setup(install_requires=['click'])\n" };
    const facts = await gatherPythonManifests(Object.keys(literal), async (p) => literal[p]);
    expect(facts.pythonManifestFound).toBe(true);
    expect(facts.pythonDeclared.has("click")).toBe(true);
  });

  it("a repository whose only Python manifest configures tools has none to judge by", async () => {
    const files: Record<string, string> = { "pyproject.toml": "[tool.ruff]\n", "setup.py": "setup(name='x')\n" };
    const facts = await gatherPythonManifests(Object.keys(files), async (p) => files[p]);
    expect(facts.pythonManifestFound).toBe(false);
  });
});

describe("the standard library list", () => {
  it("covers 3.8 through 3.13, including modules removed in 3.12 and 3.13 and added since", () => {
    for (const name of ["os", "asyncio", "tomllib", "zoneinfo", "graphlib", "distutils", "imp", "asynchat", "asyncore", "smtpd", "cgi", "telnetlib", "lib2to3", "_pyrepl", "__future__"]) {
      expect(PYTHON_STDLIB.has(name), name).toBe(true);
    }
    for (const name of ["yaml", "requests", "flask", "PIL", "setuptools", "pkg_resources"]) expect(PYTHON_STDLIB.has(name), name).toBe(false);
  });
});

/** SQLAlchemy model reading: primary-key types, columns, and the facts gathered from model files. */
import { parse } from "@ast-grep/napi";
import { describe, expect, it } from "vitest";
import { gatherFacts } from "../../../src/engine/context/gather-facts.js";
import {
  AMBIGUOUS_TYPE,
  addModelFacts,
  extractPrimaryKeyTypes,
  findModels,
  flaskTableName,
  isModelFileCandidate,
  mergePrimaryKeyTypes,
  modelStem,
  typeFamily,
  uniqueColumnsOf,
} from "../../../src/engine/context/models.js";
import type { RepoReader } from "../../../src/engine/context/repo-reader.js";
import { registerLanguages } from "../../../src/engine/languages.js";

const DECLARATIVE = `
import uuid
from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String, Table
from sqlalchemy.dialects.postgresql import UUID as PGUUID
from sqlalchemy.orm import Mapped, mapped_column

class User(Base):
    __tablename__ = "users"
    id = Column(PGUUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    email = Column(String(255), unique=True)

class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))

class Slug(Base):
    __tablename__ = "slugs"
    slug = Column("slug", String(64), primary_key=True)

class Membership(Base):
    __tablename__ = "memberships"
    user_id = Column(ForeignKey("users.id"), primary_key=True)
    project_id = Column(ForeignKey("projects.id"), primary_key=True)

class TimestampMixin:
    created_at = Column(DateTime)

tags = Table("tags", Base.metadata, Column("id", BigInteger, primary_key=True), Column("name", String(50)))
`;

describe("flaskTableName", () => {
  it.each([
    ["User", "user"],
    ["OAuthClient", "o_auth_client"],
    ["ArtifactAlias", "artifact_alias"],
  ] as const)("%s → %s", (name, table) => {
    expect(flaskTableName(name)).toBe(table);
  });
});

describe("typeFamily", () => {
  it.each([
    ["PGUUID(as_uuid=True)", "uuid"],
    ["UUID", "uuid"],
    ["sa.Uuid", "uuid"],
    ["Mapped[uuid.UUID]", "uuid"],
    ["Mapped[Optional[uuid.UUID]]", "uuid"],
    ["Integer", "integer"],
    ["db.BigInteger", "integer"],
    ["Mapped[int | None]", "integer"],
    ["Optional[int]", "integer"],
    ["String(36)", "string"],
    ["Mapped[str]", "string"],
    ["JSON", undefined],
    [undefined, undefined],
  ] as const)("%s → %s", (text, family) => {
    expect(typeFamily(text)).toBe(family);
  });
});

describe("extractPrimaryKeyTypes", () => {
  it("reads Column, mapped_column/Mapped and Table(...) primary keys by table and table.column", () => {
    const keys = extractPrimaryKeyTypes(DECLARATIVE);
    expect(keys.get("users")).toBe("uuid");
    expect(keys.get("users.id")).toBe("uuid");
    expect(keys.get("projects.id")).toBe("integer");
    expect(keys.get("slugs.slug")).toBe("string");
    expect(keys.get("tags.id")).toBe("integer");
  });

  it("leaves out composite primary keys and mixins without a table", () => {
    const keys = extractPrimaryKeyTypes(DECLARATIVE);
    expect(keys.has("memberships")).toBe(false);
    expect([...keys.keys()].some((k) => k.startsWith("TimestampMixin"))).toBe(false);
  });

  it("derives Flask-SQLAlchemy and SQLModel table names", () => {
    const keys = extractPrimaryKeyTypes(`
class OAuthClient(db.Model):
    id = db.Column(db.String(36), primary_key=True)

class Hero(SQLModel, table=True):
    id: Optional[uuid.UUID] = Field(default_factory=uuid.uuid4, primary_key=True)

class HeroBase(SQLModel):
    id: Optional[int] = Field(default=None, primary_key=True)

class Villain(VillainBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
`);
    expect(keys.get("o_auth_client.id")).toBe("string");
    expect(keys.get("hero.id")).toBe("uuid");
    expect(keys.has("herobase")).toBe(false);
    expect(keys.get("villain.id")).toBe("integer");
  });

  it("costs nothing for files without primary keys", () => {
    expect(extractPrimaryKeyTypes("def handler():\n    return 1\n").size).toBe(0);
  });
});

describe("findModels", () => {
  it("reports columns with their foreign keys, uniqueness and composite keys", () => {
    registerLanguages();
    const models = findModels(parse("python", DECLARATIVE).root());
    const project = models.find((m) => m.name === "Project")!;
    const owner = project.columns.find((c) => c.name === "owner_id")!;
    expect(owner.foreignKey).toEqual({ table: "users", column: "id" });
    expect(owner.family).toBe("uuid");
    expect(models.find((m) => m.name === "User")!.columns.find((c) => c.name === "email")!.unique).toBe(true);
    expect(models.find((m) => m.name === "Membership")!.hasUniqueConstraint).toBe(true);
    expect(models.find((m) => m.name === "tags")!.kind).toBe("table");
  });
});

describe("unique columns", () => {
  it.each([
    ["users", "user"],
    ["User", "user"],
    ["UserBase", "user"],
    ["crud.user", "user"],
    ["user_repo", "user"],
    ["UserRepository", "user"],
    ["categories", "category"],
    ["ArtifactAlias", "artifact_alias"],
  ] as const)("model stem of %s is %s", (name, stem) => {
    expect(modelStem(name)).toBe(stem);
  });

  it("collects unique=True columns, UniqueConstraint members and composite keys by model stem", () => {
    registerLanguages();
    const models = findModels(
      parse(
        "python",
        `${DECLARATIVE}
class ArtifactAlias(Base):
    __tablename__ = "artifact_aliases"
    __table_args__ = (UniqueConstraint("artifact_id", "alias", name="uq_artifact_alias"),)
    id = Column(Integer, primary_key=True)
    artifact_id = Column(Integer, ForeignKey("artifacts.id"))
    alias = Column(String(100))

class UserBase(SQLModel):
    username: str = Field(unique=True, max_length=64)
`,
      ).root(),
    );
    const unique = uniqueColumnsOf(models);
    expect(unique.has("user.email")).toBe(true);
    expect(unique.has("user.username")).toBe(true);
    expect(unique.has("artifact_alias.alias")).toBe(true);
    expect(unique.has("artifact_alias.artifact_id")).toBe(true);
    expect(unique.has("membership.user_id")).toBe(true);
    expect(unique.has("project.owner_id")).toBe(false);
  });

  it("adds keys and unique columns to the facts", () => {
    const facts = { primaryKeyTypes: new Map<string, string>(), uniqueColumns: new Set<string>() };
    addModelFacts(facts, DECLARATIVE);
    expect(facts.primaryKeyTypes.get("users.id")).toBe("uuid");
    expect(facts.uniqueColumns.has("user.email")).toBe(true);
  });
});

describe("mergePrimaryKeyTypes", () => {
  it("marks a table declared with two different key types as ambiguous", () => {
    const into = new Map([["users.id", "uuid"]]);
    mergePrimaryKeyTypes(into, new Map([["users.id", "integer"], ["teams.id", "integer"]]));
    expect(into.get("users.id")).toBe(AMBIGUOUS_TYPE);
    expect(into.get("teams.id")).toBe("integer");
  });
});

describe("model files", () => {
  it.each([
    ["backend/app/models/user.py", true],
    ["app/models.py", true],
    ["backend/app/db/user_model.py", true],
    ["app/oauth/models.py", true],
    ["backend/tests/models/test_user.py", false],
    ["backend/alembic/versions/001_models.py", false],
    ["app/views.py", false],
    ["frontend/src/models/user.ts", false],
  ] as const)("%s → %s", (path, expected) => {
    expect(isModelFileCandidate(path)).toBe(expected);
  });

  it("gathers primary-key types from model files the change does not touch", async () => {
    const files: Record<string, string> = {
      "backend/app/db/models.py":
        'class User(Base):\n    __tablename__ = "users"\n    id = Column(UUID(as_uuid=True), primary_key=True)\n    email = Column(String, unique=True)\n',
      "backend/app/oauth/tokens.py": 'class Token(Base):\n    __tablename__ = "tokens"\n    id = Column(Integer, primary_key=True)\n    user_id = Column(Integer)\n',
      "backend/app/views.py": 'class Shadow(Base):\n    __tablename__ = "shadows"\n    id = Column(Integer, primary_key=True)\n',
    };
    const reader: RepoReader = {
      listPaths: async () => Object.keys(files),
      readFile: async (path) => files[path],
    };
    const changed = [{ path: "backend/app/oauth/tokens.py", content: files["backend/app/oauth/tokens.py"]! }];
    const facts = await gatherFacts(reader, changed);
    expect(facts.primaryKeyTypes.get("users.id")).toBe("uuid");
    expect(facts.uniqueColumns.has("user.email")).toBe(true);
    expect(facts.primaryKeyTypes.get("tokens.id")).toBe("integer");
    // not a model path and not changed: not read
    expect(facts.primaryKeyTypes.has("shadows.id")).toBe(false);
  });
});

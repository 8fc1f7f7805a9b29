/** Built-in checks of the secrets-config rule families. */
import type { SgNode } from "@ast-grep/napi";
import { spanOfLine, spanOfNode } from "../position.js";
import { enclosingNodeAt } from "./reliability-quality.js";
import type { Check, FileCheckContext, Hit } from "./types.js";

// ---------------------------------------------------------------------------
// Names and values that look like credentials (hardcoded-credential)
// ---------------------------------------------------------------------------

/** Splits `MINIO_SECRET_KEY`, `apiKey`, `x-api-key`, `OAuthToken` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Last words that make a name describe a credential rather than hold one (`PASSWORD_FILE`, `TOKEN_TTL`). */
const META_LAST = new Set(
  (
    "id ids name names path paths file files filename dir directory folder url urls uri uris endpoint host port type types " +
    "ttl expiry expire expires expiration exp algorithm algorithms algo alg header headers prefix suffix length len size min max " +
    "minutes seconds secs hours days lifetime timeout age field fields param params env var vars variable label labels placeholder " +
    "policy regex re pattern format mode count limit rounds scheme location cookie prompt hint help message msg error errors " +
    "template hash hashed hasher column col attr attribute version class widget input selector route event action enabled enable " +
    "required reset change confirm confirmation strength complexity validator validators chars charset encoding store storage " +
    "provider backend manager handler callback method methods kind source cache queue topic channel table index schema model view " +
    "form text title description desc link target output strategy transport separator delimiter generator entropy bytes bits salt " +
    "rotation ref reference arn region status state flag option options config settings list map dict json mask masked visible " +
    "visibility icon color style classname tooltip button btn page screen modal dialog component props el element node uuid api " +
    "service client usage audience issuer scope scopes grant lock mutex count counter stats metric metrics log logger"
  ).split(" "),
);
/** First words that make a name a flag or a helper (`is_password`, `use_token`, `reset_password`). */
const META_FIRST = new Set(
  (
    "is has use uses enable enabled disable disabled should allow allowed require requires required show hide hidden reset forgot " +
    "validate valid invalid check min max no num n skip get set confirm verify generate gen random rotate mock fake dummy test example " +
    "sample placeholder wrong bad empty blank null none weak common hashed encrypted masked on handle update change"
  ).split(" "),
);
/** Qualifiers that make `token` / `key` a credential (`ACCESS_TOKEN`, `API_KEY`). */
const TOKEN_QUALIFIERS = new Set(
  (
    "auth access refresh api bearer bot slack github gh gitlab npm pypi session secret service admin master personal private client " +
    "app webhook oauth jwt hf huggingface discord telegram twilio sentry stripe openai anthropic cloudflare vercel netlify heroku " +
    "digitalocean do aws azure gcp docker registry deploy ci circleci travis sonar codecov mapbox mailgun sendgrid postmark pagerduty"
  ).split(" "),
);
const KEY_QUALIFIERS = new Set(
  "secret api access private signing sign encryption encrypt crypt master license hmac jwt aes auth subscription admin root".split(
    " ",
  ),
);

const PASSWORD_WORD = /^(\w*pass(word|wd|phrase)s?|pwd|passw|pass)$/;
const SECRET_WORD = /^(\w*secret|secrets?|secret(key|token))$/;
const CREDENTIAL_WORD = /^(credentials?|creds?)$/;

export type NameStrength = "strong" | "weak" | undefined;

/**
 * How strongly a name says "this holds a credential": `strong` names
 * (PASSWORD, SECRET_KEY, API_KEY, ACCESS_TOKEN) are flagged with any real
 * value; `weak` ones (a bare `token`) only with a value that looks random.
 */
export function credentialName(name: string): NameStrength {
  if (!/^[A-Za-z_$#][A-Za-z0-9_.$-]*$/.test(name)) return undefined; // "AWS::IAM::AccessKey", "Api Key": not a variable or a key name
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const last = words[words.length - 1]!;
  if (META_LAST.has(last)) return undefined;
  if (words.length > 1 && META_FIRST.has(words[0]!)) return undefined;
  // The credential word must end the name, or be followed only by qualifiers
  // such as `_PROD` or `_2`: `SECRETS_ANNOTATION` and `TOKEN_SCOPE` describe, they do not hold.
  let end = words.length - 1;
  while (end > 0 && TRAILING_OK.test(words[end]!)) end -= 1;
  const w = words[end]!;
  const prev = end > 0 ? words[end - 1]! : "";
  if (w === "pass") return "weak"; // `"pass": "bandpass"`, `user_pass == "git"`: only with a random-looking value
  if (PASSWORD_WORD.test(w) || SECRET_WORD.test(w)) return "strong";
  if (w === "token" || w === "tokens") {
    if (TOKEN_QUALIFIERS.has(prev)) return "strong";
    if (!/[a-z]/.test(name)) return "strong"; // BOT_TOKEN, TOKEN
    return end === 0 ? "weak" : undefined; // a bare `token`; `verificationToken` is not a credential
  }
  const compoundToken = /^([a-z]+)token$/.exec(w);
  if (compoundToken && TOKEN_QUALIFIERS.has(compoundToken[1]!)) return "strong";
  if (w === "key" && KEY_QUALIFIERS.has(prev)) return "strong";
  const compoundKey = /^([a-z]+)key$/.exec(w);
  if (compoundKey && KEY_QUALIFIERS.has(compoundKey[1]!)) return "strong";
  if (CREDENTIAL_WORD.test(w)) return "weak"; // fetch's `credentials: "include"`
  if (w === "key" && end > 0 && !/[a-z]/.test(name)) return "weak"; // BETA_KEY, LICENSE_SERVER_KEY: only with a random-looking value
  return undefined;
}

/** Words that may follow the credential word: `SECRET_KEY_PROD`, `PASSWORD_2`, `API_KEY_VALUE`. */
const TRAILING_OK = /^(\d+|v\d+|value|default|str|string|literal|prod|production|dev|development|staging|stage|local|b64|base64|raw|plain|plaintext|hex|old|new|current|primary|secondary|backup)$/;

/** Provider token formats that leaked-secret-token reports; one finding per line is enough. */
const KNOWN_TOKEN =
  /^(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$|^gh[pousr]_[A-Za-z0-9]{36}$|^github_pat_|^xox[bpaosr]-\d|^[sr]k_live_|^whsec_|^npm_[A-Za-z0-9]{36}$|^glpat-|T3BlbkFJ|^sk-ant-|^SG\.[\w-]{22}\.|-----BEGIN/;

/** Words a value made only of is the name of a setting, not a secret (`"aws_secret_access_key"`). */
const CREDENTIAL_VOCABULARY = new Set(
  "secret secrets key keys password passwd pwd pass token access api aws private public auth client id session refresh bearer my your the user username name value default s3 header field env var x".split(
    " ",
  ),
);

const FALSY_WORDS = /^(true|false|yes|no|on|off|null|nil|none|undefined|n\/a|na|empty|todo|tbd|fixme|redacted|\*+)$/i;

/** A value that looks random enough to be a real token: long, letters and digits, no spaces. */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9_\-+/=.~]+$/.test(value)) return false;
  if (/^[0-9a-f]{24,}$/i.test(value)) return true; // hex
  return /[0-9]/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value); // mixed case and digits
}

/**
 * Is this literal a value someone could log in with? Empty strings,
 * placeholders (`${VAR}`, `<your-key>`, `{{ vault }}`), labels ("Password"),
 * prompts ("Enter password:"), env-variable names and the name repeated as
 * its own value (`ACCESS_TOKEN = "access_token"`) are not.
 */
export function credentialValue(value: string, name: string, strength: Exclude<NameStrength, undefined>): boolean {
  if (value.length < 3 || value.length > 4096) return false;
  if (/[\r\n]/.test(value)) return false;
  if (FALSY_WORDS.test(value)) return false;
  if (/[^\x20-\x7e]/.test(value)) return false;
  if (/^\$\{?[A-Za-z_]|\{\{|\}\}|^<.*>$|^\[.*\]$|%\(|%s|\{\d*\}|\{[a-z_]+\}/.test(value)) return false;
  if (/^([xX]+|\*+|\.+|-+|_+|#+|0+)$/.test(value) || /^(x{3,}|X{3,}|\*{3,})/.test(value)) return false;
  if (/^(your|enter|insert|put|add|paste)[-_ ]|[-_ ]here$/i.test(value)) return false;
  if (/\*\*\*|example|dummy|fake|sample|foobar|placeholder|redacted/i.test(value)) return false;
  const valueWords = nameWords(value);
  if (valueWords.includes("test") || valueWords.includes("mock")) return false; // "test-secret-key"
  if (valueWords.length >= 2 && valueWords.every((v) => CREDENTIAL_VOCABULARY.has(v))) return false; // "secret_key", "AWSAccessKeyId": a key name
  if (/\s/.test(value)) {
    // "keyboard cat" is a secret; "Enter your password:" and "API key" are labels.
    if (/^[A-Z]/.test(value) || /[:?!.]/.test(value) || value.split(/\s+/).length > 3) return false;
  }
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)) return false; // an env-var name
  if (/^[A-Z][a-z]+$/.test(value)) return false; // a label: "Password", "Passwort"
  if (/:\/\//.test(value)) return false; // a URL
  if (/^[a-z][A-Za-z0-9_-]*(\.[a-z][A-Za-z0-9_-]*)+$/.test(value)) return false; // a host name or a dotted path
  if (/^(pk|pub)[._-]/.test(value)) return false; // publishable keys are meant to be public
  if (/^[a-z][a-z0-9_-]*(\/[a-z0-9_-]+)+$/.test(value)) return false; // a resource path: "auth-request-type/at"
  const identifierParts = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+$/.test(value) ? value.split(/[-_]/) : undefined;
  if (identifierParts && META_LAST.has(identifierParts[identifierParts.length - 1]!)) return false; // "server-side-encryption-header"
  if (KNOWN_TOKEN.test(value)) return false; // reported by leaked-secret-token
  if (/^(aws_secret_access_key|secret_?access_?key)$/i.test(name) && /^[A-Za-z0-9/+]{40}$/.test(value)) return false; // likewise
  const normalizedValue = value.toLowerCase().replace(/[^a-z0-9]/g, "");
  const words = nameWords(name);
  const full = words.join("");
  if (normalizedValue === full || normalizedValue === `x${full}`) return false; // `"x-api-key"` for apiKey
  if (words.length >= 2 && normalizedValue === words.slice(-2).join("")) return false;
  if (words.length >= 2 && words.at(-1) === "key" && normalizedValue === words.slice(0, -1).join("")) return false; // `CLIENT_KEY = "client"`: a lookup key
  if (strength === "weak" && !looksRandom(value)) return false;
  return true;
}

/** `postgresql://app:s3cret@db/app`: a connection URL whose password is a literal. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@/\s]+)@[^\s]/i;
const PLACEHOLDER_PASSWORD = /^(\$.*|\{.*\}|%.*|<.*>|\*+|x+|\.+|password|passwd|pass|pwd|secret|changeme|user|username)$/i;

export function urlWithPassword(value: string): boolean {
  const m = URL_PASSWORD.exec(value);
  return m !== null && !PLACEHOLDER_PASSWORD.test(m[1]!) && !/\$\{|\{\{|%\(/.test(m[1]!);
}

const URL_HIT: Partial<Hit> = {
  title: "Connection URL embeds a hard-coded password",
  message:
    "The connection string carries the database (or broker) password in clear text. Anyone who can read the repository or the image can connect with it, and rotating it needs a code change.",
};

// ---------------------------------------------------------------------------
// Literal values of the languages
// ---------------------------------------------------------------------------

/** The text of a string literal without quotes, or undefined for anything else (f-strings, templates with `${}`). */
export function literalString(node: SgNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const kind = node.kind();
  if (kind === "string") {
    if (node.children().some((c) => c.kind() === "interpolation")) return undefined;
    const text = node.text();
    const m = /^([rRbBuU]{0,2})("""|'''|"|')([\s\S]*)\2$/.exec(text);
    if (m) {
      if (/f/i.test(m[1]!)) return undefined;
      return m[3]!;
    }
    return undefined;
  }
  if (kind === "template_string") {
    if (node.children().some((c) => c.kind() === "template_substitution")) return undefined;
    return node.text().slice(1, -1);
  }
  return undefined;
}

/** The value of a Python right-hand side: a string, or `Field("x")` / `Field(default="x")` / `SecretStr("x")`. */
function pythonValue(node: SgNode | null): SgNode | undefined {
  if (!node) return undefined;
  if (node.kind() === "string") return node;
  if (node.kind() === "call") {
    const fn = node.field("function")?.text() ?? "";
    if (!/(^|\.)(Field|SecretStr|SecretBytes)$/.test(fn)) return undefined;
    const args = node.field("arguments")?.namedChildren() ?? [];
    const first = args[0];
    if (first && first.kind() === "string") return first;
    for (const arg of args) {
      if (arg.kind() === "keyword_argument" && arg.field("name")?.text() === "default") {
        const v = arg.field("value");
        return v?.kind() === "string" ? v : undefined;
      }
    }
  }
  return undefined;
}

function jsValue(node: SgNode | null): SgNode | undefined {
  if (!node) return undefined;
  const kind = node.kind();
  if (kind === "string" || kind === "template_string") return node;
  if (kind === "as_expression" || kind === "satisfies_expression") return jsValue(node.child(0));
  return undefined;
}

/** The name a JS key or target stands for: `password`, `"api-key"`, `config.secret` → secret. */
function jsName(node: SgNode | null): string | undefined {
  if (!node) return undefined;
  switch (node.kind()) {
    case "identifier":
    case "property_identifier":
    case "shorthand_property_identifier_pattern":
    case "private_property_identifier":
      return node.text().replace(/^#/, "");
    case "string":
      return literalString(node);
    case "member_expression":
      return node.field("property")?.text();
    default:
      return undefined;
  }
}

function pyName(node: SgNode | null): string | undefined {
  if (!node) return undefined;
  if (node.kind() === "identifier") return node.text();
  if (node.kind() === "attribute") return node.field("attribute")?.text();
  if (node.kind() === "string") return literalString(node);
  return undefined;
}

function hitOf(node: SgNode, extra: Partial<Hit> = {}): Hit {
  return { ...spanOfNode(node), snippet: node.text().split("\n")[0], ...extra };
}

const JWT_TITLE = "JWT signing key is written in the source";
const JWT_MESSAGE =
  "The key that signs or verifies tokens is a literal in the code. Anyone who can read the repository can mint tokens that the service accepts as genuine — for any user, with any role.";

/** Calls that take a signing key: `jwt.encode(p, "k")`, `jwt.sign(p, "k")`, `URLSafeTimedSerializer("k")`, `hmac.new(b"k")`. */
function signingKeyArgument(fn: string, args: SgNode[], language: "python" | "js"): SgNode | undefined {
  const positional = args.filter((a) => a.kind() !== "keyword_argument" && a.kind() !== "comment");
  if (/(^|\.)jwt\.(encode|decode|sign|verify)$|^(jwt|jose|jsonwebtoken)\.(encode|decode|sign|verify)$/i.test(fn)) {
    if (language === "python") {
      for (const a of args) {
        if (a.kind() === "keyword_argument" && a.field("name")?.text() === "key") return a.field("value") ?? undefined;
      }
    }
    return positional[1];
  }
  if (language === "python" && /(^|\.)((URLSafe)?(Timed)?(JSONWebSignature)?Serializer|TimestampSigner|Signer)$/.test(fn)) return positional[0];
  if (language === "python" && /^hmac\.(new|digest)$/.test(fn)) return positional[0];
  if (language === "js" && /(^|\.)createHmac$/.test(fn)) return positional[1];
  return undefined;
}

function literalOf(node: SgNode | undefined): string | undefined {
  if (!node) return undefined;
  const direct = literalString(node);
  if (direct !== undefined) return direct;
  // Buffer.from("k") / new TextEncoder().encode("k") / "k".encode()
  const text = node.text();
  const m = /^(?:Buffer\.from|new TextEncoder\(\)\.encode)\((["'`])([^"'`$\\]*)\1\)$|^(?:[bB]?)(["'])([^"'\\]*)\3\.encode\(\)$/.exec(text);
  if (m) return m[2] ?? m[4];
  return undefined;
}

/**
 * Text tests that say whether any line can hold a literal credential at all:
 * `PASSWORD = "`, `password: str = "`, `"password": "`, `password="`, `= Field("`.
 * Most files have none, and then no tree walk is needed.
 */
const PY_LITERAL_LINE = /(?:[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Cc]red|CRED|_KEY|_[Kk]ey|[A-Za-z]Key|[Aa]pikey|APIKEY|[Aa]uthkey|[Aa]ccesskey|[Pp]rivatekey|[Ss]igningkey|[Mm]asterkey)(?:[_-]?(?:Key|KEY|key|word|WORD|wd|WD|phrase|PHRASE|entials|ENTIALS|ential|s|S|\d{1,3}|Value|VALUE|value|Prod|PROD|prod|Default|DEFAULT|default)){0,2}["']?[ \t]*(?::[^=\n]{1,60})?(?:[:=]|[!=]=)[ \t]*(?:[\w.]{1,40}\([ \t]*(?:default[ \t]*=[ \t]*)?)?[rbuRBU]{0,2}["']/;
const JS_LITERAL_LINE = /(?:[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Cc]red|CRED|_KEY|_[Kk]ey|[A-Za-z]Key|[Aa]pikey|APIKEY|[Aa]uthkey|[Aa]ccesskey|[Pp]rivatekey|[Ss]igningkey|[Mm]asterkey)(?:[_-]?(?:Key|KEY|key|word|WORD|wd|WD|phrase|PHRASE|entials|ENTIALS|ential|s|S|\d{1,3}|Value|VALUE|value|Prod|PROD|prod|Default|DEFAULT|default)){0,2}["'`]?\??[ \t]*(?::[^=\n]{1,60})?(?:[:=]|[!=]==?)[ \t]*["'`]/;
/** The identifier (or quoted key) the literal-line match at `index` lies in: `apiKey` in `this.apiKey = "…"`. */
function nameAround(text: string, index: number): string {
  let start = index;
  while (start > 0 && /[\w$-]/.test(text[start - 1]!)) start -= 1;
  let end = index;
  while (end < text.length && /[\w$-]/.test(text[end]!)) end += 1;
  return text.slice(start, end);
}

/**
 * Whether a literal-line match is worth reading on the tree: its name must be
 * a credential name (most `cacheKey = "…"` are not), and a comparison (`==`)
 * counts only for a password, as the checks below report only those.
 */
function credentialCandidate(text: string): (match: string, index: number) => boolean {
  return (match, index) => {
    if (/[!=]=/.test(match) && !/passw|pwd/i.test(match)) return false;
    return credentialName(nameAround(text, index)) !== undefined;
  };
}

/** `"hunter2" == password`: the literal first (name first is part of the LITERAL_LINE regexes). */
const COMPARISON_REVERSED = /["'`]\s*[!=]==?\s*[\w.]{0,40}(?:passw|pwd)/i;
/** Plain substring tests that must pass before a regex scans the file (each scan costs about as much as a few percent of a parse). */
const mayCompareReversed = (text: string): boolean => (text.includes("assw") || text.includes("ASSW") || text.includes("wd") || text.includes("WD")) && (text.includes("==") || text.includes("!="));
const mayHoldUrlPassword = (text: string): boolean => text.includes("://") && text.includes("@");
const URL_HINT = /:\/\/[^:/@\s'"`]+:[^@/\s'"`]+@/;

/** A settings class for the test suite (`TestingConfig`, `IntegrationTestSettings`): its values are fixtures, like a test file's. */
function inPythonTestClass(node: SgNode): boolean {
  for (const a of node.ancestors()) {
    if (a.kind() !== "class_definition") continue;
    const words = nameWords(a.field("name")?.text() ?? "");
    if (words.some((w) => w === "test" || w === "tests" || w === "testing")) return true;
  }
  return false;
}

/**
 * The nodes around every match of `re` in the text, of the given kinds. The
 * text tests find the few places where a credential can be written; the tree
 * is then read only there (one findAll would walk every node of the file).
 */
function candidatesAt(
  root: SgNode,
  text: string,
  re: RegExp,
  kinds: ReadonlySet<string>,
  out: Map<number, SgNode>,
  keep: (match: string, index: number) => boolean = () => true,
): void {
  const global = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  for (const m of text.matchAll(global)) {
    if (!keep(m[0], m.index!)) continue;
    const node = enclosingNodeAt(root, m.index!, kinds);
    if (node) out.set(node.id(), node);
  }
}

/** In document order, outer before inner (the order of a findAll), so that "one finding per line" keeps the same one. */
function inDocumentOrder(nodes: Map<number, SgNode>): SgNode[] {
  return [...nodes.values()]
    .map((n) => ({ n, r: n.range() }))
    .sort((a, b) => a.r.start.index - b.r.start.index || b.r.end.index - a.r.end.index)
    .map((x) => x.n);
}

const PY_BINDING_KINDS = new Set(["assignment", "pair", "keyword_argument", "default_parameter", "typed_default_parameter"]);
const PY_COMPARISON_KINDS = new Set(["comparison_operator"]);
const PY_LITERAL_KINDS = new Set([...PY_BINDING_KINDS, ...PY_COMPARISON_KINDS]);
const PY_CALL_KINDS = new Set(["call"]);
const PY_URL_KINDS = new Set(["call", "assignment", "pair", "keyword_argument"]);

/**
 * Collects credential hits, one per line: `check` decides whether a name bound
 * to a value is a hard-coded credential (or a URL with a password in it).
 */
function credentialCollector(skip?: (node: SgNode) => boolean) {
  const hits: Hit[] = [];
  const seen = new Set<number>();
  const add = (node: SgNode, extra?: Partial<Hit>) => {
    if (seen.has(node.range().start.line)) return; // one finding per line
    if (skip?.(node)) return;
    seen.add(node.range().start.line);
    hits.push(hitOf(node, extra));
  };
  const check = (report: SgNode, name: string | undefined, value: SgNode | undefined) => {
    if (!name || !value) return;
    const literal = literalString(value);
    if (literal === undefined) return;
    if (urlWithPassword(literal)) return add(report, URL_HIT);
    const strength = credentialName(name);
    if (!strength || !credentialValue(literal, name, strength)) return;
    add(report);
  };
  return { hits, add, check };
}

function pythonCredentialHits(root: SgNode, text: string): Hit[] {
  const { hits, add, check } = credentialCollector(inPythonTestClass);
  // Candidates from the text: a credential-like name given a literal, a password comparison, a signing call, a URL with a password.
  const found = new Map<number, SgNode>();
  candidatesAt(root, text, PY_LITERAL_LINE, PY_LITERAL_KINDS, found, credentialCandidate(text));
  if (mayCompareReversed(text)) candidatesAt(root, text, COMPARISON_REVERSED, PY_COMPARISON_KINDS, found);
  if (text.includes("jwt.") || text.includes("Serializer") || text.includes("Signer") || text.includes("hmac."))
    candidatesAt(root, text, /jwt\.(?:encode|decode)|Serializer\(|Signer\(|hmac\.(?:new|digest)\(/, PY_CALL_KINDS, found);
  if (mayHoldUrlPassword(text)) candidatesAt(root, text, URL_HINT, PY_URL_KINDS, found);
  if (found.size === 0) return [];
  const nodes = inDocumentOrder(found);
  for (const node of nodes) {
    switch (node.kind()) {
      case "assignment": {
        const left = node.field("left");
        // `app.secret_key = "x"` belongs to hardcoded-secret-fallback; subscripts (`app.config[...]`) too.
        if (!left || left.kind() === "subscript") break;
        if (left.kind() === "attribute" && /^secret_key$/i.test(left.field("attribute")?.text() ?? "")) break;
        check(node, pyName(left), pythonValue(node.field("right")));
        break;
      }
      case "pair":
        check(node, pyName(node.field("key")), pythonValue(node.field("value")));
        break;
      case "keyword_argument": {
        const call = node.parent()?.parent();
        const fn = call?.kind() === "call" ? (call.field("function")?.text() ?? "") : "";
        // Keyword defaults of settings lookups are hardcoded-secret-fallback's; `Field(...)` is handled with its assignment.
        if (/(^|\.)(get|getenv|setdefault|Field)$/.test(fn)) break;
        check(node, pyName(node.field("name")), pythonValue(node.field("value")));
        break;
      }
      case "default_parameter":
      case "typed_default_parameter":
        check(node, pyName(node.field("name")), pythonValue(node.field("value")));
        break;
      case "comparison_operator": {
        const operands = node.namedChildren();
        if (operands.length !== 2 || !/^(==|!=)$/.test(node.children().find((c) => !c.isNamed())?.text() ?? "")) break;
        const [a, b] = operands as [SgNode, SgNode];
        const [target, value] = a.kind() === "string" ? [b, a] : [a, b];
        const name = pyName(target.kind() === "string" ? null : target);
        if (name && PASSWORD_WORD.test(nameWords(name).at(-1) ?? "")) check(node, name, value.kind() === "string" ? value : undefined);
        break;
      }
      case "call": {
        const fn = node.field("function")?.text() ?? "";
        const args = node.field("arguments")?.namedChildren() ?? [];
        const url = literalString(args[0]);
        if (url !== undefined && urlWithPassword(url)) {
          add(node, URL_HIT);
          break;
        }
        const key = signingKeyArgument(fn, args, "python");
        const literal = literalOf(key);
        if (literal !== undefined && credentialValue(literal, "jwt_signing_key", "strong")) add(node, { title: JWT_TITLE, message: JWT_MESSAGE });
        break;
      }
    }
  }
  return hits;
}

/** Firebase / Algolia client configs: their `apiKey` is public by design. */
function isPublicClientConfig(objectNode: SgNode | null): boolean {
  if (!objectNode || objectNode.kind() !== "object") return false;
  return /\b(authDomain|projectId|messagingSenderId|appId|applicationId|searchOnlyApiKey)\b/.test(objectNode.text());
}

const JS_BINDING_KINDS = new Set(["variable_declarator", "pair", "assignment_expression", "assignment_pattern", "field_definition"]);
const TS_BINDING_KINDS = new Set(["variable_declarator", "pair", "assignment_expression", "assignment_pattern", "public_field_definition", "required_parameter", "optional_parameter"]);
const JS_COMPARISON_KINDS = new Set(["binary_expression"]);
const JS_CALL_KINDS = new Set(["call_expression"]);
const JS_URL_KINDS = new Set(["call_expression", "new_expression", "variable_declarator", "pair", "assignment_expression"]);

function jsCredentialHits(root: SgNode, language: string, text: string): Hit[] {
  const { hits, add, check } = credentialCollector();
  // Candidates from the text, as for Python.
  const found = new Map<number, SgNode>();
  const bindingKinds = language === "javascript" ? JS_BINDING_KINDS : TS_BINDING_KINDS;
  candidatesAt(root, text, JS_LITERAL_LINE, new Set([...bindingKinds, ...JS_COMPARISON_KINDS]), found, credentialCandidate(text));
  if (mayCompareReversed(text)) candidatesAt(root, text, COMPARISON_REVERSED, JS_COMPARISON_KINDS, found);
  if (text.includes("jwt") || text.includes("JWT") || text.includes("jose") || text.includes("jsonwebtoken") || text.includes("createHmac"))
    candidatesAt(root, text, /\b(?:jwt|jsonwebtoken|jose)\.(?:sign|verify|encode|decode)\b|createHmac\(/i, JS_CALL_KINDS, found);
  if (mayHoldUrlPassword(text)) candidatesAt(root, text, URL_HINT, JS_URL_KINDS, found);
  if (found.size === 0) return [];
  for (const node of inDocumentOrder(found)) {
    switch (node.kind()) {
      case "variable_declarator":
        check(node, jsName(node.field("name")), jsValue(node.field("value")));
        break;
      case "pair": {
        const key = node.field("key");
        const name = jsName(key);
        if (name && /api_?key/i.test(name) && isPublicClientConfig(node.parent())) break;
        check(node, name, jsValue(node.field("value")));
        break;
      }
      case "assignment_expression": {
        const left = node.field("left");
        if (left?.kind() === "member_expression" && /^process\.env\b/.test(left.text())) break;
        check(node, jsName(left), jsValue(node.field("right")));
        break;
      }
      case "public_field_definition":
      case "field_definition":
        check(node, jsName(node.field("name") ?? node.field("property")), jsValue(node.field("value")));
        break;
      case "assignment_pattern":
        check(node, jsName(node.field("left")), jsValue(node.field("right")));
        break;
      case "required_parameter":
      case "optional_parameter":
        check(node, jsName(node.field("pattern")), jsValue(node.field("value")));
        break;
      case "binary_expression": {
        const left = node.field("left");
        const right = node.field("right");
        if (!left || !right) break;
        const [target, value] = jsValue(left) ? [right, left] : [left, right];
        const name = jsName(target);
        if (name && PASSWORD_WORD.test(nameWords(name).at(-1) ?? "")) check(node, name, jsValue(value));
        break;
      }
      case "call_expression":
      case "new_expression": {
        const fn = node.field("function")?.text() ?? node.field("constructor")?.text() ?? "";
        const args = node.field("arguments")?.namedChildren() ?? [];
        const url = literalString(args[0]);
        if (url !== undefined && urlWithPassword(url)) {
          add(node, URL_HIT);
          break;
        }
        const key = signingKeyArgument(fn, args, "js");
        const literal = literalOf(key);
        if (literal !== undefined && credentialValue(literal, "jwt_signing_key", "strong")) add(node, { title: JWT_TITLE, message: JWT_MESSAGE });
        break;
      }
    }
  }
  return hits;
}

// --- YAML (docker-compose, Kubernetes, CI, application config) -------------

function yamlScalar(node: SgNode | null): string | undefined {
  if (!node) return undefined;
  const inner = node.kind() === "flow_node" ? node.child(0) : node;
  if (!inner) return undefined;
  switch (inner.kind()) {
    case "plain_scalar":
      return inner.text();
    case "double_quote_scalar":
    case "single_quote_scalar":
      return inner.text().slice(1, -1);
    default:
      return undefined;
  }
}

const COMPOSE_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}$/;
const FALLBACK_TITLE = "Credential falls back to a hard-coded default";

function yamlValueHit(report: SgNode, name: string, value: string): Hit | undefined {
  if (urlWithPassword(value)) return hitOf(report, URL_HIT);
  const strength = credentialName(name);
  if (!strength) return undefined;
  const fallback = COMPOSE_DEFAULT.exec(value);
  if (fallback) {
    return credentialValue(fallback[2]!, name, strength) ? hitOf(report, { title: FALLBACK_TITLE }) : undefined;
  }
  return credentialValue(value, name, strength) ? hitOf(report) : undefined;
}

function yamlCredentialHits(root: SgNode): Hit[] {
  const hits: Hit[] = [];
  for (const pair of root.findAll({ rule: { kind: "block_mapping_pair" } })) {
    const key = yamlScalar(pair.field("key"));
    const valueNode = pair.field("value");
    if (!key || !valueNode) continue;
    if (key === "value") {
      // Kubernetes env entries: `- name: DB_PASSWORD` / `value: hunter2`
      const siblingName = pair
        .parent()
        ?.children()
        .find((p) => p.kind() === "block_mapping_pair" && yamlScalar(p.field("key")) === "name");
      const envName = siblingName ? yamlScalar(siblingName.field("value")) : undefined;
      const value = yamlScalar(valueNode);
      if (envName && value !== undefined) {
        const hit = yamlValueHit(pair, envName, value);
        if (hit) hits.push(hit);
      }
      continue;
    }
    const value = yamlScalar(valueNode);
    if (value !== undefined) {
      const hit = yamlValueHit(pair, key, value);
      if (hit) hits.push(hit);
      continue;
    }
    // compose list form: environment: [ "DB_PASSWORD=hunter2" ]
    if (/^(environment|args|build_args|build-args|env)$/.test(key)) {
      for (const item of valueNode.findAll({ rule: { kind: "block_sequence_item" } })) {
        const text = yamlScalar(item.child(1));
        const m = text ? /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/.exec(text) : null;
        if (!m) continue;
        const hit = yamlValueHit(item, m[1]!, m[2]!.replace(/^["']|["']$/g, ""));
        if (hit) hits.push(hit);
      }
    }
  }
  return hits;
}

// --- Dockerfile ENV / ARG ---------------------------------------------------

/** `KEY=value` or `KEY value` pairs of ENV/ARG lines, continuation lines included, with their line numbers. */
function dockerAssignments(lines: readonly string[]): Array<{ line: number; name: string; value: string; keyword: string }> {
  const out: Array<{ line: number; name: string; value: string; keyword: string }> = [];
  let keyword: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i]!;
    if (/^\s*#/.test(raw)) continue;
    let body = raw;
    if (keyword === undefined) {
      const m = /^\s*(ENV|ARG)\s+(.*)$/i.exec(raw);
      if (!m) continue;
      keyword = m[1]!.toUpperCase();
      body = m[2]!;
      // Legacy form: ENV NAME value with spaces
      const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+([^=\s].*?)\s*\\?$/.exec(body);
      if (keyword === "ENV" && legacy && !legacy[1]!.includes("=")) {
        out.push({ line: i + 1, name: legacy[1]!, value: legacy[2]!.replace(/^["']|["']$/g, ""), keyword });
        keyword = /\\\s*$/.test(raw) ? keyword : undefined;
        continue;
      }
    }
    for (const m of body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s\\]*)/g)) {
      out.push({ line: i + 1, name: m[1]!, value: m[2]!.replace(/^["']|["']$/g, ""), keyword });
    }
    if (!/\\\s*$/.test(raw)) keyword = undefined;
  }
  return out;
}

function dockerCredentialHits(lines: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const flagged = new Set<number>();
  for (const { line, name, value, keyword } of dockerAssignments(lines)) {
    if (flagged.has(line)) continue;
    const text = lines[line - 1]!;
    if (urlWithPassword(value)) {
      flagged.add(line);
      hits.push({ ...spanOfLine(line, text), snippet: text.trim(), ...URL_HIT });
      continue;
    }
    const strength = credentialName(name);
    if (!strength) continue;
    if (/^\$/.test(value) && !COMPOSE_DEFAULT.test(value)) continue;
    const fallback = COMPOSE_DEFAULT.exec(value);
    const literal = fallback ? fallback[2]! : value;
    if (!credentialValue(literal, name, strength)) continue;
    flagged.add(line);
    const hit: Hit = { ...spanOfLine(line, text), snippet: text.trim() };
    if (keyword === "ARG") hit.title = "Build argument has a hard-coded credential default";
    hits.push(hit);
  }
  return hits;
}

function hardcodedCredential(ctx: FileCheckContext): Hit[] {
  if (ctx.language === "dockerfile") return dockerCredentialHits(ctx.lines);
  if (!ctx.root) return [];
  if (ctx.language === "python") return pythonCredentialHits(ctx.root, ctx.text);
  if (ctx.language === "yaml") return yamlCredentialHits(ctx.root);
  if (ctx.language === "javascript" || ctx.language === "typescript" || ctx.language === "tsx") return jsCredentialHits(ctx.root, ctx.language, ctx.text);
  return [];
}

// ---------------------------------------------------------------------------
// TLS verification switched off in Python HTTP clients (security-control-disabled-by-default)
// ---------------------------------------------------------------------------

const HTTP_CLIENT_IMPORT = /^\s*(?:import|from)\s+(requests|httpx|aiohttp)\b/m;
const HTTP_CALL =
  /^(?:requests|httpx|aiohttp)\.\w+$|^[\w.]+\.(?:get|post|put|patch|delete|head|options|request|send|stream|ws_connect)$|(?:^|\.)(?:Client|AsyncClient|Session|ClientSession|TCPConnector|AsyncHTTPTransport|HTTPTransport)$/;

/**
 * `requests.get(url, verify=False)`, `httpx.Client(verify=False)`,
 * `session.get(url, ssl=False)`: the fix removes the argument (verification
 * is on by default) when it shares its line with other arguments.
 */
function tlsVerifyDisabledPython(ctx: FileCheckContext): Hit[] {
  if (!ctx.root || !HTTP_CLIENT_IMPORT.test(ctx.text)) return [];
  const hits: Hit[] = [];
  const kwargs = ctx.root.findAll({
    rule: {
      kind: "keyword_argument",
      has: { field: "name", regex: "^(verify|verify_ssl|ssl)$" },
      all: [{ has: { field: "value", kind: "false" } }],
    },
  });
  for (const kw of kwargs) {
    const call = kw.parent()?.parent();
    if (!call || call.kind() !== "call") continue;
    const fn = call.field("function")?.text() ?? "";
    if (!HTTP_CALL.test(fn)) continue;
    const name = kw.field("name")?.text();
    if (name === "ssl" && !/(^|\.)(TCPConnector|get|post|put|patch|delete|head|options|request|ws_connect)$/.test(fn)) continue;
    const hit = hitOf(kw, { snippet: kw.text() });
    const fix = removalFix(ctx.lines, kw);
    if (fix !== undefined) hit.fix = fix;
    hits.push(hit);
  }
  return hits;
}

/** The line with `, verify=False` (or `verify=False, `) cut out, when the argument shares its line. */
function removalFix(lines: readonly string[], arg: SgNode): string | undefined {
  const { start, end } = arg.range();
  if (start.line !== end.line) return undefined;
  const line = lines[start.line] ?? "";
  const before = line.slice(0, start.column);
  const after = line.slice(end.column);
  const prevComma = /,\s*$/.exec(before);
  if (prevComma && before.trim() !== ",") return before.slice(0, prevComma.index) + after;
  const nextComma = /^\s*,\s*/.exec(after);
  if (nextComma && /\(\s*$/.test(before)) {
    const rest = after.slice(nextComma[0].length);
    if (rest.trim() === "") return undefined; // the other arguments are on other lines
    return before + rest;
  }
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) return before + after; // the only argument
  return undefined;
}

// ---------------------------------------------------------------------------
// Cookie flags switched off in Flask/Django settings (insecure-session-cookie)
// ---------------------------------------------------------------------------

const COOKIE_FLAG = /^(?:(?:SESSION|REMEMBER|CSRF|JWT|AUTH|ACCESS_TOKEN|REFRESH_TOKEN|LANGUAGE)_)?COOKIE_(SECURE|HTTPONLY)$|^SECURE_COOKIES?$/i;
const SAMESITE = /^(?:(?:SESSION|REMEMBER|CSRF|JWT|AUTH)_)?COOKIE_SAMESITE$/i;
const PROD_CLASS = /prod|live|release|deploy/i;
const NON_PROD_CLASS = /dev|test|local|debug/i;

interface CookieSetting {
  name: string;
  /** `False`, `True`, or the literal string for SameSite. */
  value: string;
  node: SgNode;
  valueNode: SgNode;
  className?: string;
}

/** Module- and class-level assignments (`SESSION_COOKIE_SECURE = False`) and `app.config[...] = ...` / `.update(...)`. */
function cookieSettings(root: SgNode): CookieSetting[] {
  const out: CookieSetting[] = [];
  for (const node of root.findAll({ rule: { any: [{ kind: "assignment" }, { kind: "keyword_argument" }] } })) {
    let name: string | undefined;
    let valueNode: SgNode | null = null;
    let className: string | undefined;
    if (node.kind() === "assignment") {
      const left = node.field("left");
      valueNode = node.field("right");
      if (!left || !valueNode) continue;
      if (left.kind() === "identifier") {
        const stmt = node.parent();
        const container = stmt?.parent();
        if (container?.kind() === "module") className = undefined;
        else if (container?.kind() === "block" && container.parent()?.kind() === "class_definition")
          className = container.parent()!.field("name")?.text();
        else continue; // a local variable inside a function
        name = left.text();
      } else if (left.kind() === "subscript" && /\.config$/.test(left.field("value")?.text() ?? "")) {
        name = literalString(left.field("subscript"));
      } else continue;
    } else {
      const call = node.parent()?.parent();
      if (!call || !/\.config\.(update|from_mapping)$/.test(call.field("function")?.text() ?? "")) continue;
      name = node.field("name")?.text();
      valueNode = node.field("value");
    }
    if (!name || !valueNode || !(COOKIE_FLAG.test(name) || SAMESITE.test(name))) continue;
    const literal = literalString(valueNode);
    const value = valueNode.kind() === "false" ? "False" : valueNode.kind() === "true" ? "True" : literal;
    if (value === undefined) continue;
    out.push({ name: name.toUpperCase(), value, node, valueNode, className });
  }
  return out;
}

/**
 * `SESSION_COOKIE_SECURE = False`, `SESSION_COOKIE_HTTPONLY = False`,
 * `SESSION_COOKIE_SAMESITE = "None"` without Secure. Test and development
 * classes are left alone, and so is a base class when a production class in
 * the same file sets the flag back to True.
 */
function insecureCookieConfigPython(ctx: FileCheckContext): Hit[] {
  if (!ctx.root) return [];
  const settings = cookieSettings(ctx.root);
  const prodTrue = new Set(
    settings.filter((s) => s.value === "True" && s.className !== undefined && PROD_CLASS.test(s.className)).map((s) => s.name),
  );
  const secureSomewhere = settings.some((s) => /SECURE/.test(s.name) && s.value === "True");
  const hits: Hit[] = [];
  for (const s of settings) {
    if (s.className !== undefined && NON_PROD_CLASS.test(s.className)) continue;
    if (s.className !== undefined && !PROD_CLASS.test(s.className) && prodTrue.has(s.name)) continue;
    if (s.value === "False" && COOKIE_FLAG.test(s.name)) {
      const { start, end } = s.valueNode.range();
      const line = ctx.lines[start.line] ?? "";
      const hit = hitOf(s.node, { snippet: s.node.text() });
      if (start.line === end.line) hit.fix = line.slice(0, start.column) + "True" + line.slice(end.column);
      hits.push(hit);
    } else if (SAMESITE.test(s.name) && /^none$/i.test(s.value) && !secureSomewhere) {
      hits.push(
        hitOf(s.node, {
          snippet: s.node.text(),
          title: "SameSite=None cookie without the Secure flag",
          message:
            "`SameSite=None` sends the session cookie on every cross-site request, and browsers reject such a cookie unless it is also `Secure`; without `SESSION_COOKIE_SECURE = True` sessions break in modern browsers or travel over plain HTTP in old ones.",
        }),
      );
    }
  }
  return hits;
}

export const secretsConfigChecks: Record<string, Check> = {
  "insecure-cookie-config-python": { kind: "file", run: insecureCookieConfigPython },
  "hardcoded-credential": { kind: "file", run: hardcodedCredential },
  "tls-verify-disabled-python": { kind: "file", run: tlsVerifyDisabledPython },
};

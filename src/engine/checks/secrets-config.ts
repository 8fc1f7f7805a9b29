/** Built-in checks of the secrets-config rule families. */
import type { Check } from "./types.js";

export const secretsConfigChecks: Record<string, Check> = {};

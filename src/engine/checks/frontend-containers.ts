/** Built-in checks of the frontend-containers rule families. */
import type { Check } from "./types.js";

export const frontendContainersChecks: Record<string, Check> = {};

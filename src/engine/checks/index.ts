/** The registry of built-in checks, by the name rule files use. */
import { dataModelChecks } from "./data-model.js";
import { dependenciesChecks } from "./dependencies.js";
import { frontendContainersChecks } from "./frontend-containers.js";
import { injectionChecks } from "./injection.js";
import { reliabilityQualityChecks } from "./reliability-quality.js";
import { secretsConfigChecks } from "./secrets-config.js";
import type { Check } from "./types.js";
import { webAppChecks } from "./web-app.js";

export const CHECKS: Record<string, Check> = {
  ...secretsConfigChecks,
  ...injectionChecks,
  ...webAppChecks,
  ...dataModelChecks,
  ...reliabilityQualityChecks,
  ...frontendContainersChecks,
  ...dependenciesChecks,
};

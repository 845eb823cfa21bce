// Finding and reading scenario files. The built-in one ships in the package's assets/.

import { readFileSync } from 'node:fs';
import { errors } from '../../ipvs/errors.js';
import { packageFile } from '../../package-files.js';
import { scenarioFromJson, type Scenario } from './scenario.js';

export const BUILT_IN_SCENARIO = packageFile('assets/demo-scenario.json');

export function readScenarioFile(path: string | URL): Scenario {
  const name = path instanceof URL ? 'built-in demo scenario' : path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw errors.invalid(`scenario file ${name}`, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return scenarioFromJson(JSON.parse(text), name);
  } catch (error) {
    if (error instanceof SyntaxError) throw errors.invalid(`scenario file ${name}`, `it is not JSON (${error.message})`);
    throw error;
  }
}

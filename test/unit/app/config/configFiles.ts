// Helpers for configuration tests: policy and settings files in a temporary folder.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../../support/tempDir.js';

export interface ConfigFiles {
  readonly dir: string;
  readonly policyFile: string;
  readonly userFile: string;
  writePolicy(content: unknown): void;
  writeUser(content: unknown): void;
}

/** `content` is written as JSON, or as is when it is a string. */
export function configFiles(): ConfigFiles {
  const dir = makeTempDir('navette-config-');
  const policyFile = path.join(dir, 'policy.json');
  const userFile = path.join(dir, 'settings.json');
  const write = (file: string, content: unknown): void =>
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return {
    dir,
    policyFile,
    userFile,
    writePolicy: (content) => write(policyFile, content),
    writeUser: (content) => write(userFile, content),
  };
}

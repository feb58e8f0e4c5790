// Tests never write artifacts into the working copy's .data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.ARTIFACT_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-artifacts-'));

#!/usr/bin/env node
// `npx rosterdesk check …` from the repo: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');

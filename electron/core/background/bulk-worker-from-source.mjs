// Worker entry when RosterDesk runs from source (browser host, CLI, tests): registers tsx in this
// thread, then loads the TypeScript worker. The Electron build bundles bulk-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./bulk-worker.ts');

// Worker entry when RosterDesk runs from source (browser host, CLI, tests): registers tsx in this
// thread, then loads the TypeScript worker. The Electron build bundles snapshot-lane-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./snapshot-lane-worker.ts');

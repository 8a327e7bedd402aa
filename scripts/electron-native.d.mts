// Types for scripts/electron-native.mjs (plain JavaScript so `npm run setup` runs it before tsx exists).
export declare const BINDING: string;
export declare const RECORD: string;
export declare const LAST_ATTEMPT: string;

export interface ElectronBuild {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
  modules: string;
  builtAt: string;
}
export interface NativeStep {
  why: string;
  cmd: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}
export interface StepResult {
  status: number | null;
  stdout?: string;
  stderr?: string;
  error?: Error;
}
export type BuildResult =
  { state: 'built' | 'current'; build: ElectronBuild } | { state: 'unavailable'; reason: string };

export declare function electronInfo(
  root: string,
): { binary: string; version: string; reason?: undefined } | { reason: string; binary?: undefined };
export declare function electronNativeProblem(root: string): string | null;
export declare function buildElectronNative(options: {
  root: string;
  run?: (step: NativeStep) => StepResult;
  log?: (line: string) => void;
}): BuildResult;
